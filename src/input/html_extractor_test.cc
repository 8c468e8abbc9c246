// Specification of ExtractHtml: a news page in, its main text and metadata out.
#include "input/html_extractor.h"

#include <gtest/gtest.h>

#include "text/utf8.h"

namespace chancery::input {
namespace {

TEST(ExtractHtml, KeepsArticleParagraphsAndDropsPageFurniture) {
  const HtmlDocument document = ExtractHtml(R"(<!DOCTYPE html>
<html><head>
  <title>Taliban name envoy | Example News</title>
  <meta property="article:published_time" content="2022-04-09T10:00:00Z">
  <meta property="og:site_name" content="Example News">
  <link rel="canonical" href="https://example.org/kabul">
  <script>var tracking = "do not read";</script>
  <style>p { color: red }</style>
</head><body>
  <nav><a href="/">Home</a> <a href="/world">World</a></nav>
  <header>Site banner</header>
  <div class="ad">Advertisement outside the article</div>
  <article>
    <header><h1>Header inside article is skipped</h1></header>
    <h2>Taliban   name envoy</h2>
    <p>KABUL, April 9 &mdash; The Taliban
       appointed an <b>envoy</b> to Moscow.</p>
    <script>alert("no")</script>
    <p>Russia&#39;s foreign ministry accredited him.<br>It said so on Saturday.</p>
    <ul><li>First point</li><li>Second point</li></ul>
    <blockquote>A quotation.</blockquote>
    <div>Text directly in a div<div>nested div text</div>tail text</div>
    <figure><img src="x.jpg"><figcaption>Caption kept</figcaption></figure>
    <aside>Related: other story</aside>
    <form><label>Subscribe</label> <input value="email"></form>
    <noscript>Enable JavaScript</noscript>
  </article>
  <footer>Copyright</footer>
</body></html>)");
  EXPECT_EQ(document.text,
            "Taliban name envoy\n\n"
            "KABUL, April 9 \xE2\x80\x94 The Taliban appointed an envoy to Moscow.\n\n"
            "Russia's foreign ministry accredited him. It said so on Saturday.\n\n"
            "First point\n\nSecond point\n\n"
            "A quotation.\n\n"
            "Text directly in a div\n\nnested div text\n\ntail text\n\n"
            "Caption kept");
  EXPECT_EQ(document.title, "Taliban name envoy | Example News");
  EXPECT_EQ(document.date, "2022-04-09T10:00:00Z");
  EXPECT_EQ(document.source, "Example News");
  EXPECT_EQ(document.url, "https://example.org/kabul");
}

TEST(ExtractHtml, OutOfRangeCharacterReferencesGiveValidUtf8) {
  // Found by the story_reader fuzzer: gumbo turned this reference into a lone byte.
  const HtmlDocument document =
      ExtractHtml("<html><body><p>Pakistan &#x9999999999999999999999999999999999999999text</p></body></html>");
  EXPECT_FALSE(text::ValidateUtf8(document.text).has_value()) << document.text;
  EXPECT_NE(document.text.find("Pakistan"), std::string::npos);
  EXPECT_NE(document.text.find("text"), std::string::npos);
}

TEST(ExtractHtml, UsesMainThenBodyWhenThereIsNoArticle) {
  EXPECT_EQ(ExtractHtml("<body><p>outside</p><main><p>inside main</p></main></body>").text,
            "inside main");
  EXPECT_EQ(ExtractHtml("<body><nav>menu</nav><p>one</p>\n<p>two  \n three</p></body>").text,
            "one\n\ntwo three");
  // Fragments without <body> get one from the parser.
  EXPECT_EQ(ExtractHtml("Just text &amp; more").text, "Just text & more");
}

TEST(ExtractHtml, ReadsAlternativeMetadata) {
  const HtmlDocument by_itemprop = ExtractHtml(
      R"(<head><meta itemprop="datePublished" content="April 9, 2022">
         <meta property="og:title" content="OG title"><meta property="og:url" content="https://x.org/a">
         </head><body><p>t</p></body>)");
  EXPECT_EQ(by_itemprop.date, "April 9, 2022");
  EXPECT_EQ(by_itemprop.title, "OG title");
  EXPECT_EQ(by_itemprop.url, "https://x.org/a");
  EXPECT_EQ(ExtractHtml(R"(<meta name="date" content="2022-04-09"><p>t</p>)").date, "2022-04-09");
  EXPECT_EQ(ExtractHtml("<p>no metadata</p>").date, "");
}

}  // namespace
}  // namespace chancery::input
