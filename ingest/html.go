package ingest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"unicode/utf8"

	"codeberg.org/readeck/go-readability/v2"
	"github.com/sitrep-dev/sitrep"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
)

// HTML reads a web page: the article's main text (found by readability,
// one paragraph per line under the title), and from the page's metadata its
// title, publication time, author, outlet (og:site_name), language and
// canonical URL. A page whose charset is not UTF-8 is decoded first. A page
// with no article text is an error. ID and Source are set to name; Raw
// keeps the HTML.
func HTML(name string, raw []byte, opt Options) (doc *sitrep.Document, err error) {
	if len(bytes.TrimSpace(raw)) == 0 {
		return nil, fmt.Errorf("%s: %w", name, ErrEmpty)
	}
	if bytes.IndexByte(raw, 0) >= 0 {
		return nil, fmt.Errorf("%s: %w", name, ErrBinary)
	}
	page := raw
	if !utf8.Valid(page) {
		enc, _, _ := charset.DetermineEncoding(raw, "text/html")
		if decoded, err := enc.NewDecoder().Bytes(raw); err == nil {
			page = decoded
		}
	}
	if err := checkText(page); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	root, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		return nil, fmt.Errorf("%s: parsing HTML: %w", name, err)
	}
	meta := readMeta(root)

	defer func() {
		// Readability walks arbitrary markup; a page that trips it is one
		// bad document, not a reason to stop reading the others.
		if r := recover(); r != nil {
			doc, err = nil, fmt.Errorf("%s: extracting article text: %v", name, r)
		}
	}()
	var pageURL *url.URL
	if u, err := url.Parse(meta.url); err == nil && u.IsAbs() {
		pageURL = u
	}
	article, err := readability.FromDocument(root, pageURL)
	if err != nil {
		return nil, fmt.Errorf("%s: extracting article text: %w", name, err)
	}
	var body strings.Builder
	if article.Node != nil {
		if err := article.RenderText(&body); err != nil {
			return nil, fmt.Errorf("%s: extracting article text: %w", name, err)
		}
	}
	// One paragraph per line: readability separates paragraphs with blank
	// lines, which Clean would keep.
	text := strings.ReplaceAll(Clean(paragraphLines(body.String())), "\n\n", "\n")
	if text == "" {
		return nil, fmt.Errorf("%s: %w: the page has no article body", name, ErrNoText)
	}
	if err := checkLength(text); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}

	title := oneLine(firstOf(article.Title(), meta.title))
	doc = &sitrep.Document{
		ID:     name,
		Source: name,
		Raw:    string(raw),
		Title:  title,
		Text:   withTitle(title, text),
		URL:    meta.url,
		Author: firstOf(meta.author, byline(article.Byline())),
		Outlet: firstOf(meta.siteName, article.SiteName()),
		Lang:   firstOf(meta.lang, article.Language()),
	}
	if meta.published != "" {
		doc.Published, _ = parseDate(meta.published)
	}
	if doc.Published.IsZero() {
		if t, err := article.PublishedTime(); err == nil {
			doc.Published = t
		}
	}
	finish(doc, opt)
	return doc, nil
}

// paragraphLines drops the blank lines readability puts between
// paragraphs, leaving one paragraph per line.
func paragraphLines(s string) string {
	var b strings.Builder
	for line := range strings.Lines(s) {
		if strings.TrimSpace(line) == "" {
			continue
		}
		b.WriteString(strings.TrimRight(line, "\r\n"))
		b.WriteByte('\n')
	}
	return b.String()
}

// byline strips the "By " of a byline found in the article text.
func byline(s string) string {
	s = strings.TrimSpace(s)
	if rest, ok := strings.CutPrefix(s, "By "); ok {
		return strings.TrimSpace(rest)
	}
	if rest, ok := strings.CutPrefix(s, "by "); ok {
		return strings.TrimSpace(rest)
	}
	return s
}

// pageMeta is what a page's head says about it.
type pageMeta struct {
	title, published, author, siteName, lang, url string
}

// publishedKeys are the meta names and properties that carry a
// publication time, most specific first.
var publishedKeys = []string{
	"article:published_time",
	"og:published_time",
	"og:article:published_time",
	"datepublished",
	"date",
	"pubdate",
	"publishdate",
	"publish-date",
	"publish_date",
	"publication_date",
	"dc.date.issued",
	"dc.date",
	"dcterms.issued",
	"dcterms.created",
	"dcterms.date",
	"sailthru.date",
	"parsely-pub-date",
}

// readMeta collects a page's metadata from <html lang>, <meta>, <link
// rel=canonical>, <time itemprop=datePublished> and JSON-LD datePublished.
func readMeta(root *html.Node) pageMeta {
	values := map[string]string{}
	var canonical, htmlLang, jsonLDDate, titleTag string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Html:
				htmlLang = attr(n, "lang")
			case atom.Title:
				if titleTag == "" {
					titleTag = textOf(n)
				}
			case atom.Meta, atom.Time:
				content := attr(n, "content")
				if n.DataAtom == atom.Time {
					content = attr(n, "datetime")
				}
				content = strings.TrimSpace(content)
				if content == "" {
					break
				}
				for _, key := range []string{"property", "name", "itemprop"} {
					k := strings.ToLower(strings.TrimSpace(attr(n, key)))
					if k != "" && values[k] == "" {
						values[k] = content
					}
				}
			case atom.Link:
				for rel := range strings.FieldsSeq(strings.ToLower(attr(n, "rel"))) {
					if rel == "canonical" && canonical == "" {
						canonical = strings.TrimSpace(attr(n, "href"))
					}
				}
			case atom.Script:
				if jsonLDDate == "" && strings.EqualFold(strings.TrimSpace(attr(n, "type")), "application/ld+json") {
					jsonLDDate = jsonLDPublished(textOf(n))
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)

	m := pageMeta{
		title:    firstOf(values["og:title"], firstOf(values["twitter:title"], titleTag)),
		author:   values["author"],
		siteName: values["og:site_name"],
		lang:     htmlLang,
		url:      firstOf(canonical, values["og:url"]),
	}
	if a := values["article:author"]; m.author == "" && !strings.Contains(a, "://") {
		m.author = a
	}
	for _, k := range publishedKeys {
		if v := values[k]; v != "" {
			if _, err := parseDate(v); err == nil {
				m.published = v
				break
			}
		}
	}
	if m.published == "" {
		if _, err := parseDate(jsonLDDate); err == nil {
			m.published = jsonLDDate
		}
	}
	return m
}

// jsonLDPublished returns the first datePublished found anywhere in a
// JSON-LD block (in an Article, a @graph, or a list of objects).
func jsonLDPublished(src string) string {
	var v any
	if json.Unmarshal([]byte(src), &v) != nil {
		return ""
	}
	var find func(any) string
	find = func(v any) string {
		switch v := v.(type) {
		case map[string]any:
			if s, ok := v["datePublished"].(string); ok && s != "" {
				return s
			}
			for _, k := range []string{"@graph", "mainEntity", "mainEntityOfPage"} {
				if s := find(v[k]); s != "" {
					return s
				}
			}
		case []any:
			for _, e := range v {
				if s := find(e); s != "" {
					return s
				}
			}
		}
		return ""
	}
	return find(v)
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// textOf returns the text inside n.
func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}
