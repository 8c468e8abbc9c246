#include "input/html_extractor.h"

#include <gumbo.h>

#include <cstring>
#include <memory>

#include "text/utf8.h"

namespace chancery::input {
namespace {

bool IsHtmlSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Appends `text` to `out`, turning every run of whitespace into one space.
// `out` never starts with a space and the caller trims its end.
void AppendCollapsed(std::string_view text, std::string& out) {
  for (char c : text) {
    if (IsHtmlSpace(c)) {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
}

std::string Collapse(std::string_view text) {
  std::string out;
  AppendCollapsed(text, out);
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// Elements whose content is never article text.
bool IsSkipped(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NAV: case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER: case GUMBO_TAG_ASIDE: case GUMBO_TAG_FORM: case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_SVG: case GUMBO_TAG_MATH: case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_OBJECT: case GUMBO_TAG_EMBED: case GUMBO_TAG_CANVAS: case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_SELECT: case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_INPUT: case GUMBO_TAG_MENU:
    case GUMBO_TAG_HEAD: case GUMBO_TAG_TITLE: case GUMBO_TAG_AUDIO:
    case GUMBO_TAG_VIDEO:
      return true;
    default:
      return false;
  }
}

// Elements that start and end a paragraph; everything else is inline and its
// text flows into the surrounding paragraph.
bool IsBlock(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_P: case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3:
    case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_LI:
    case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_DIV: case GUMBO_TAG_SECTION:
    case GUMBO_TAG_ARTICLE: case GUMBO_TAG_MAIN: case GUMBO_TAG_BODY: case GUMBO_TAG_UL:
    case GUMBO_TAG_OL: case GUMBO_TAG_DL: case GUMBO_TAG_DT: case GUMBO_TAG_DD:
    case GUMBO_TAG_PRE: case GUMBO_TAG_TABLE: case GUMBO_TAG_TR: case GUMBO_TAG_TD:
    case GUMBO_TAG_TH: case GUMBO_TAG_CAPTION: case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_ADDRESS: case GUMBO_TAG_HR:
    case GUMBO_TAG_CENTER: case GUMBO_TAG_DETAILS: case GUMBO_TAG_SUMMARY:
    case GUMBO_TAG_HGROUP:
      return true;
    default:
      return false;
  }
}

// Collects paragraphs while walking the chosen subtree.
class ParagraphCollector {
 public:
  void Walk(const GumboNode* node) {
    switch (node->type) {
      case GUMBO_NODE_TEXT:
      case GUMBO_NODE_CDATA:
      case GUMBO_NODE_WHITESPACE:
        AppendCollapsed(node->v.text.text, current_);
        return;
      case GUMBO_NODE_ELEMENT:
      case GUMBO_NODE_TEMPLATE:
        break;
      default:  // comments, document
        return;
    }
    const GumboElement& element = node->v.element;
    if (IsSkipped(element.tag)) return;
    if (element.tag == GUMBO_TAG_BR) {
      AppendCollapsed(" ", current_);
      return;
    }
    const bool block = IsBlock(element.tag);
    if (block) Flush();
    for (unsigned i = 0; i < element.children.length; ++i) {
      Walk(static_cast<const GumboNode*>(element.children.data[i]));
    }
    if (block) Flush();
  }

  std::string Finish() {
    Flush();
    return std::move(text_);
  }

 private:
  void Flush() {
    while (!current_.empty() && current_.back() == ' ') current_.pop_back();
    if (current_.empty()) return;
    if (!text_.empty()) text_ += "\n\n";
    text_ += current_;
    current_.clear();
  }

  std::string current_;  // the paragraph being built
  std::string text_;     // finished paragraphs
};

const char* Attribute(const GumboNode* node, const char* name) {
  const GumboAttribute* attribute = gumbo_get_attribute(&node->v.element.attributes, name);
  return attribute ? attribute->value : nullptr;
}

bool EqualsIgnoreCase(const char* a, const char* b) {
  return a && b && strcasecmp(a, b) == 0;
}

// Everything outside the body text, found anywhere in the document.
struct Metadata {
  const GumboNode* article = nullptr;
  const GumboNode* main = nullptr;
  const GumboNode* body = nullptr;
  std::string title, og_title, date, source, canonical_url, og_url;
};

void ReadMeta(const GumboNode* node, Metadata& meta) {
  const char* content = Attribute(node, "content");
  if (!content) return;
  for (const char* key_name : {"property", "name", "itemprop"}) {
    const char* key = Attribute(node, key_name);
    if (!key) continue;
    if (meta.date.empty() &&
        (EqualsIgnoreCase(key, "article:published_time") ||
         EqualsIgnoreCase(key, "datePublished") || EqualsIgnoreCase(key, "date"))) {
      meta.date = Collapse(content);
    } else if (EqualsIgnoreCase(key, "og:title") && meta.og_title.empty()) {
      meta.og_title = Collapse(content);
    } else if (EqualsIgnoreCase(key, "og:site_name") && meta.source.empty()) {
      meta.source = Collapse(content);
    } else if (EqualsIgnoreCase(key, "og:url") && meta.og_url.empty()) {
      meta.og_url = Collapse(content);
    }
  }
}

void Survey(const GumboNode* node, Metadata& meta) {
  if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_TEMPLATE) return;
  const GumboElement& element = node->v.element;
  switch (element.tag) {
    case GUMBO_TAG_ARTICLE:
      if (!meta.article) meta.article = node;
      break;
    case GUMBO_TAG_MAIN:
      if (!meta.main) meta.main = node;
      break;
    case GUMBO_TAG_BODY:
      if (!meta.body) meta.body = node;
      break;
    case GUMBO_TAG_META:
      ReadMeta(node, meta);
      return;
    case GUMBO_TAG_LINK:
      if (EqualsIgnoreCase(Attribute(node, "rel"), "canonical") && meta.canonical_url.empty()) {
        if (const char* href = Attribute(node, "href")) meta.canonical_url = Collapse(href);
      }
      return;
    case GUMBO_TAG_TITLE:
      if (meta.title.empty() && element.children.length > 0) {
        const auto* child = static_cast<const GumboNode*>(element.children.data[0]);
        if (child->type == GUMBO_NODE_TEXT) meta.title = Collapse(child->v.text.text);
      }
      return;
    default:
      break;
  }
  for (unsigned i = 0; i < element.children.length; ++i) {
    Survey(static_cast<const GumboNode*>(element.children.data[i]), meta);
  }
}

}  // namespace

HtmlDocument ExtractHtml(std::string_view html) {
  struct OutputDeleter {
    void operator()(GumboOutput* output) const { gumbo_destroy_output(&kGumboDefaultOptions, output); }
  };
  std::unique_ptr<GumboOutput, OutputDeleter> output(
      gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size()));
  HtmlDocument document;
  if (!output) return document;

  Metadata meta;
  Survey(output->root, meta);
  const GumboNode* root = meta.article ? meta.article : meta.main ? meta.main : meta.body;
  if (root) {
    ParagraphCollector collector;
    collector.Walk(root);
    document.text = collector.Finish();
  }
  document.title = !meta.title.empty() ? meta.title : meta.og_title;
  document.date = meta.date;
  document.source = meta.source;
  document.url = !meta.canonical_url.empty() ? meta.canonical_url : meta.og_url;
  // Gumbo decodes an out-of-range character reference ("&#x9999999999;") to a
  // lone byte; its output is made valid UTF-8 again here.
  for (std::string* field : {&document.text, &document.title, &document.date, &document.source, &document.url})
    *field = text::ReplaceInvalidUtf8(*field);
  return document;
}

}  // namespace chancery::input
