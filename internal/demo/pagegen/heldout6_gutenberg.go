package pagegen

import (
	"fmt"
	"strings"
)

// gutenbergSite is the address of the WordPress site that republishes
// records in English around the Italian data.
const gutenbergSite = "https://participationwatch.example.org"

// gutenbergEmpty is what the site's editors type in an empty cell;
// gutenbergRelated is the heading of the related posts after the record.
const (
	gutenbergEmpty   = "—"
	gutenbergRelated = "Related records"
)

// renderGutenberg6 writes a record as a WordPress block theme (Twenty
// Twenty-Four) shows a post whose editor pasted the record into blocks:
// the cookie consent bar, the site header, the post title, date and tags
// (the region and the badges), an English note, then per section a
// heading and table blocks of label and value cells, each long text in a
// closed details block whose summary is its label; the related posts and
// the comments follow.
func renderGutenberg6(b *strings.Builder, p *Page) {
	slug := h5Slug(p.Title)
	fmt.Fprintf(b, `<!DOCTYPE html>
<html lang="en-US">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name='robots' content='max-image-preview:large'>
<title>%[1]s &#8211; Participation Watch</title>
<link rel="alternate" type="application/rss+xml" title="Participation Watch &raquo; Feed" href="%[2]s/feed/">
<style id='wp-block-library-inline-css'>:root{--wp-admin-theme-color:#007cba}.wp-block-table{overflow-x:auto}.wp-block-table table{border-collapse:collapse;width:100%%}.wp-block-table td{border:1px solid;padding:.5em}.wp-block-details summary{cursor:pointer}</style>
<link rel='stylesheet' id='cookie-law-info-css' href='%[2]s/wp-content/plugins/cookie-law-info/lite/frontend/css/script.min.css?ver=3.2.2' media='all'>
<script id="cookieyes" type="text/javascript" src="%[2]s/wp-content/plugins/cookie-law-info/lite/frontend/js/script.min.js?ver=3.2.2"></script>
<link rel="canonical" href="%[2]s/records/%[3]s/">
<meta name="generator" content="WordPress 6.5.3">
</head>
<body class="post-template-default single single-post postid-%[4]d single-format-standard wp-embed-responsive">
<div class="cky-consent-container cky-box-bottom-left" tabindex="0"><div class="cky-consent-bar" data-cky-tag="notice"><div class="cky-notice"><p class="cky-title" role="heading" aria-level="1" data-cky-tag="title">We value your privacy</p><div class="cky-notice-group"><div class="cky-notice-des" data-cky-tag="description"><p>We use cookies to enhance your browsing experience, serve personalised ads or content, and analyse our traffic. By clicking "Accept All", you consent to our use of cookies.</p></div><div class="cky-notice-btn-wrapper"><button class="cky-btn cky-btn-customize" aria-label="Customise" data-cky-tag="settings-button">Customise</button><button class="cky-btn cky-btn-reject" aria-label="Reject All" data-cky-tag="reject-button">Reject All</button><button class="cky-btn cky-btn-accept" aria-label="Accept All" data-cky-tag="accept-button">Accept All</button></div></div></div></div></div>
<div class="wp-site-blocks">
<header class="wp-block-template-part">
<div class="wp-block-group alignwide is-layout-flex"><p class="wp-block-site-title"><a href="%[2]s" target="_self" rel="home">Participation Watch</a></p>
<nav class="is-responsive items-justified-right wp-block-navigation is-layout-flex" aria-label="Main menu"><ul class="wp-block-navigation__container wp-block-navigation"><li class="wp-block-navigation-item wp-block-navigation-link"><a class="wp-block-navigation-item__content" href="%[2]s/records/"><span class="wp-block-navigation-item__label">Records</span></a></li><li class="wp-block-navigation-item wp-block-navigation-link"><a class="wp-block-navigation-item__content" href="%[2]s/about/"><span class="wp-block-navigation-item__label">About</span></a></li><li class="wp-block-navigation-item wp-block-navigation-link"><a class="wp-block-navigation-item__content" href="%[2]s/contact/"><span class="wp-block-navigation-item__label">Contact</span></a></li></ul></nav></div>
</header>
<main class="wp-block-group is-layout-constrained">
<div class="wp-block-group is-layout-flow">
<h1 style="margin-bottom:var(--wp--preset--spacing--40);" class="wp-block-post-title">%[1]s</h1>
<div class="wp-block-template-part"><div class="wp-block-group is-content-justification-left is-layout-flex"><div class="wp-block-post-date"><time datetime="2024-05-03T09:14:52+02:00">May 3, 2024</time></div><p class="has-small-font-size">&mdash; by <a href="%[2]s/author/editor/">editor</a> in <a href="%[2]s/category/records/" rel="category tag">Records</a></p></div></div>
`, esc(p.Title), gutenbergSite, slug, 4100+p.ID)
	if tags := h6Tags(p); len(tags) > 0 {
		b.WriteString(`<div class="taxonomy-post_tag wp-block-post-terms">`)
		for i, t := range tags {
			if i > 0 {
				b.WriteString(`<span class="wp-block-post-terms__separator">, </span>`)
			}
			fmt.Fprintf(b, `<a href="%s/tag/%s/" rel="tag">%s</a>`, gutenbergSite, h5Slug(t), esc(t))
		}
		b.WriteString("</div>\n")
	}
	b.WriteString(`</div>
<div class="entry-content alignfull wp-block-post-content has-global-padding is-layout-constrained">
<p>This record was imported from the participation observatory of the Emilia-Romagna region (<a href="` + esc(p.URL) + `">original record</a>). Field names and values are kept in Italian, as published.</p>
`)
	for _, s := range p.Sections {
		fmt.Fprintf(b, "<h2 class=\"wp-block-heading\" id=\"%s\">%s</h2>\n", strings.Join(h3Words(s.Name), "-"), esc(s.Name))
		open := false
		for _, f := range s.Fields {
			if h3Long(f) {
				if open {
					b.WriteString("</tbody></table></figure>\n")
					open = false
				}
				fmt.Fprintf(b, "<details class=\"wp-block-details is-layout-flow\"><summary>%s</summary>\n<p>%s</p>\n</details>\n", esc(f.Label), h6Text(strings.Join(f.Lines, " ")))
				continue
			}
			if !open {
				b.WriteString(`<figure class="wp-block-table is-style-stripes"><table class="has-fixed-layout"><tbody>`)
				open = true
			}
			fmt.Fprintf(b, "<tr><td>%s</td><td>%s</td></tr>", esc(f.Label), gutenbergCell(f))
		}
		if open {
			b.WriteString("</tbody></table></figure>\n")
		}
	}
	if p.LastModified != "" {
		fmt.Fprintf(b, "<p class=\"has-small-font-size\"><em>%s %s</em></p>\n", lastModPrefix, esc(p.LastModified))
	}
	fmt.Fprintf(b, `</div>
<div class="wp-block-group alignwide is-layout-flow">
<h2 class="wp-block-heading">%[1]s</h2>
<div class="wp-block-query is-layout-flow"><ul class="columns-2 wp-block-post-template is-layout-grid">
<li class="wp-block-post post type-post"><h3 class="wp-block-post-title"><a href="%[2]s/records/bilancio-partecipativo-giovani/" target="_self">Bilancio partecipativo giovani</a></h3><div class="wp-block-post-excerpt"><p class="wp-block-post-excerpt__excerpt">Stato di avanzamento: In corso. Natura Processo: Processo certificato e finanziato. Durata (mesi): 9 &hellip; </p></div></li>
<li class="wp-block-post post type-post"><h3 class="wp-block-post-title"><a href="%[2]s/records/piazze-in-comune/" target="_self">Piazze in comune</a></h3><div class="wp-block-post-excerpt"><p class="wp-block-post-excerpt__excerpt">Stato di avanzamento: Concluso. Titolari della decisione: Comune di Parma &hellip; </p></div></li>
</ul></div>
</div>
<div class="wp-block-comments">
<h2 id="comments" class="wp-block-comments-title">2 responses to &#8220;%[3]s&#8221;</h2>
<ol class="wp-block-comment-template">
<li id="comment-%[4]d" class="comment even thread-even depth-1"><div class="wp-block-group"><div class="wp-block-comment-author-name">Laura</div><div class="wp-block-comment-date"><time datetime="2024-05-04T18:02:11+02:00">May 4, 2024 at 6:02 pm</time></div><div class="wp-block-comment-content"><p>The Anno di avvio field is empty here too. Does anyone know when it actually started?</p></div></div></li>
<li id="comment-%[5]d" class="comment odd alt thread-odd depth-1"><div class="wp-block-group"><div class="wp-block-comment-author-name">Pietro</div><div class="wp-block-comment-date"><time datetime="2024-05-05T09:40:27+02:00">May 5, 2024 at 9:40 am</time></div><div class="wp-block-comment-content"><p>Stato di avanzamento: Concluso, per the municipality.</p></div></div></li>
</ol>
<div id="respond" class="comment-respond wp-block-post-comments-form"><h3 id="reply-title" class="comment-reply-title">Leave a Reply</h3><form action="%[2]s/wp-comments-post.php" method="post" id="commentform" class="comment-form"><p class="comment-notes">Your email address will not be published. Required fields are marked <span class="required">*</span></p><p class="comment-form-comment"><label for="comment">Comment <span class="required">*</span></label><textarea id="comment" name="comment" cols="45" rows="8" maxlength="65525" required></textarea></p><p class="form-submit wp-block-button"><input name="submit" type="submit" id="submit" class="wp-block-button__link wp-element-button" value="Post Comment"></p></form></div>
</div>
</main>
<footer class="wp-block-template-part"><div class="wp-block-group has-global-padding is-layout-constrained"><p class="has-small-font-size">Designed with <a href="https://wordpress.org" rel="nofollow">WordPress</a></p></div></footer>
</div>
<script id="wp-block-navigation-view-js" src="%[2]s/wp-includes/blocks/navigation/view.min.js?ver=6.5.3"></script>
</body>
</html>
`, gutenbergRelated, gutenbergSite, esc(p.Title), 900+p.ID, 901+p.ID)
}

// gutenbergCell renders a value cell of a table block as the editor
// filled it: lines, list items and the map's caption separated by <br>,
// images as inline images, addresses linked, "—" when empty.
func gutenbergCell(f Field) string {
	if isEmpty(f) {
		return gutenbergEmpty
	}
	var out []string
	for _, pt := range valueParts(f, true) {
		switch pt.kind {
		case "img":
			out = append(out, fmt.Sprintf(`<img decoding="async" class="wp-image-%d" style="width:240px" src="%s" alt="">`, 2000+h3Hash(pt.text)%7000, esc(absURL(pt.text))))
		default:
			out = append(out, h6Text(pt.text))
		}
	}
	return strings.Join(out, "<br>")
}
