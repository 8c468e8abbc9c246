// Main-text extraction from news HTML pages (used by StoryReader).
//
// Contract: the body is taken from the first <article>, else the first <main>,
// else <body>; script, style, nav, header, footer, aside, form, noscript (and
// other non-content elements such as template, svg, iframe, button) are
// skipped. Each block (<p>, <h1>-<h6>, <li>, <blockquote>, a <div> holding
// text directly, ...) becomes one paragraph with its whitespace collapsed to
// single spaces; paragraphs are joined with "\n\n". Entities are decoded.
// Input must be valid UTF-8; output is not yet NFC-normalised.
#pragma once

#include <string>
#include <string_view>

namespace chancery::input {

struct HtmlDocument {
  std::string text;   // paragraphs joined with "\n\n"
  std::string title;  // <title>, else og:title; whitespace collapsed
  std::string date;   // raw content of the first date <meta>, not yet normalised
  std::string source; // og:site_name
  std::string url;    // <link rel="canonical">, else og:url
};

HtmlDocument ExtractHtml(std::string_view html);

}  // namespace chancery::input
