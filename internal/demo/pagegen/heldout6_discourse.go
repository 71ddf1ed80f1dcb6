package pagegen

import (
	"fmt"
	"strings"
)

// discourseForum is the address of the forum; discourseAfter the
// sentence that closes the first post, after the quoted record.
const (
	discourseForum = "https://forum.civic-participation.example.net"
	discourseAfter = "What do you all think? Is the record still accurate?"
)

// renderDiscourse6 writes a Discourse topic as the forum serves it to
// clients without JavaScript (the crawler view): the header, the topic
// title and category, then the posts. The first post quotes the
// observatory's record as its author pasted the page's text: a paragraph
// per section whose lines, separated by <br>, alternate label and value
// with nothing marking which is which; an empty field is a label followed
// by the next label, image addresses are lines Discourse linked. The
// replies quote single lines of it; related topics follow.
func renderDiscourse6(b *strings.Builder, p *Page) {
	topic := 4000 + p.ID
	slug := h5Slug(p.Title)
	fmt.Fprintf(b, `<!DOCTYPE html>
<html lang="en" class="no-js">
<head>
<meta charset="utf-8">
<title>%[1]s - Processes - Civic Participation Forum</title>
<meta name="description" content="I copied the observatory&#39;s record here so we can discuss it">
<meta name="generator" content="Discourse 3.2.1 - https://github.com/discourse/discourse version 8c3a4d5e6f7081929394a5b6c7d8e9f0a1b2c3d4">
<link rel="canonical" href="%[2]s/t/%[3]s/%[4]d">
<link rel="stylesheet" href="%[2]s/stylesheets/desktop_93_1f2e3d4c5b6a798.css?__ws=forum.civic-participation.example.net" media="all" data-target="desktop">
<link rel="stylesheet" href="%[2]s/stylesheets/crawler_93_7a8b9c0d1e2f3a4.css?__ws=forum.civic-participation.example.net" media="all">
<meta property="og:site_name" content="Civic Participation Forum">
<meta property="og:type" content="website">
<meta property="og:title" content="%[1]s">
<meta name="twitter:card" content="summary">
<script type="application/ld+json">{"@context":"http://schema.org","@type":"WebSite","url":"%[2]s","potentialAction":{"@type":"SearchAction","target":"%[2]s/search?q={search_term_string}","query-input":"required name=search_term_string"}}</script>
</head>
<body class="crawler">
<header><a href="%[2]s/"><img src="%[2]s/uploads/default/original/1X/logo.png" alt="Civic Participation Forum" id="site-logo" style="max-width: 150px;"></a></header>
<div id="main-outlet" class="wrap" role="main">
<div id="topic-title">
<h1><a href="%[2]s/t/%[3]s/%[4]d">%[5]s</a></h1>
<div class="topic-category" itemscope itemtype="http://schema.org/BreadcrumbList"><span itemprop="itemListElement" itemscope itemtype="http://schema.org/ListItem"><a href="%[2]s/c/processes/7" class="badge-wrapper bullet" itemprop="item"><span class="badge-category-bg" style="background-color: #0088CC"></span><span class="badge-category clear-badge"><span class="category-name" itemprop="name">Processes</span></span></a><meta itemprop="position" content="1"></span></div>
</div>
<div itemscope itemtype="http://schema.org/DiscussionForumPosting">
<meta itemprop="headline" content="%[1]s">
<link itemprop="url" href="%[2]s/t/%[3]s/%[4]d">
<meta itemprop="datePublished" content="2024-05-03T08:12:40Z">
<meta itemprop="articleSection" content="Processes">
<meta itemprop="keywords" content="participation, emilia-romagna">
<div itemprop="publisher" itemscope itemtype="http://schema.org/Organization"><meta itemprop="name" content="Civic Participation Forum"></div>
<div id="post_1" class="topic-body crawler-post">
<div class="crawler-post-meta"><span class="creator" itemprop="author" itemscope itemtype="http://schema.org/Person"><a itemprop="url" href="%[2]s/u/anna_b"><span itemprop="name">anna_b</span></a> (Anna Bertolini)</span><link itemprop="mainEntityOfPage" href="%[2]s/t/%[3]s/%[4]d"><span class="crawler-post-infos"><time itemprop="datePublished" datetime="2024-05-03T08:12:40Z" class="post-time">May 3, 2024,  8:12am</time><meta itemprop="dateModified" content="2024-05-03T08:15:02Z"><span itemprop="position">1</span></span></div>
<div class="post" itemprop="text">
<p>I copied the observatory&#39;s record here so we can discuss it:</p>
<aside class="quote no-group"><div class="title">Osservatorio Partecipazione:</div><blockquote>
`, esc(p.Title), discourseForum, slug, topic, esc(p.Title))
	head := []string{}
	if p.Region != "" {
		head = append(head, esc(p.Region))
	}
	head = append(head, esc(p.Title), esc(ctaLine))
	if badges := badgeNames(p); len(badges) > 0 {
		head = append(head, strings.Join(badges, ""))
	}
	fmt.Fprintf(b, "<p>%s</p>\n", strings.Join(head, "<br>\n"))
	for i, s := range p.Sections {
		lines := []string{esc(s.Name)}
		for _, f := range s.Fields {
			lines = append(lines, esc(f.Label))
			for _, pt := range valueParts(f, false) {
				switch pt.kind {
				case "img":
					u := esc(absURL(pt.text))
					lines = append(lines, `<a href="`+u+`" rel="noopener nofollow ugc">`+u+`</a>`)
				default:
					lines = append(lines, h3Autolink(pt.text, func(u string) string {
						return `<a href="` + esc(u) + `" rel="noopener nofollow ugc">` + esc(u) + `</a>`
					}))
				}
			}
		}
		if i == len(p.Sections)-1 && p.LastModified != "" {
			lines = append(lines, lastModPrefix+" "+esc(p.LastModified))
		}
		fmt.Fprintf(b, "<p>%s</p>\n", strings.Join(lines, "<br>\n"))
	}
	first := "Stato di avanzamento"
	value := ""
	if f := findLabel(p, first); f != nil && len(f.Lines) > 0 {
		value = f.Lines[0]
	}
	fmt.Fprintf(b, `</blockquote></aside>
<p>%[1]s</p>
</div>
<div itemprop="interactionStatistic" itemscope itemtype="http://schema.org/InteractionCounter"><meta itemprop="interactionType" content="http://schema.org/LikeAction"><meta itemprop="userInteractionCount" content="3"><span class="post-likes">3 Likes</span></div>
</div>
<div id="post_2" itemprop="comment" itemscope itemtype="http://schema.org/Comment" class="topic-body crawler-post">
<div class="crawler-post-meta"><span class="creator" itemprop="author" itemscope itemtype="http://schema.org/Person"><a itemprop="url" href="%[2]s/u/marco_r"><span itemprop="name">marco_r</span></a></span><span class="crawler-post-infos"><time itemprop="datePublished" datetime="2024-05-03T10:41:09Z" class="post-time">May 3, 2024, 10:41am</time><span itemprop="position">2</span></span></div>
<div class="post" itemprop="text">
<aside class="quote no-group" data-username="anna_b" data-post="1" data-topic="%[3]d"><div class="title"><img loading="lazy" alt="" width="24" height="24" src="%[2]s/user_avatar/forum.civic-participation.example.net/anna_b/48/12_2.png" class="avatar"> anna_b:</div><blockquote><p>%[4]s<br>%[5]s</p></blockquote></aside>
<p>Are we sure? Last time I checked the municipality&#39;s page it said otherwise.</p>
</div>
</div>
<div id="post_3" itemprop="comment" itemscope itemtype="http://schema.org/Comment" class="topic-body crawler-post">
<div class="crawler-post-meta"><span class="creator" itemprop="author" itemscope itemtype="http://schema.org/Person"><a itemprop="url" href="%[2]s/u/giulia"><span itemprop="name">giulia</span></a></span><span class="crawler-post-infos"><time itemprop="datePublished" datetime="2024-05-04T07:03:55Z" class="post-time">May 4, 2024,  7:03am</time><span itemprop="position">3</span></span></div>
<div class="post" itemprop="text"><p>Anno di avvio<br>2010</p><p>That&#39;s what the council minutes say, anyway.</p></div>
</div>
</div>
<div id="related-topics" class="more-topics__list" role="complementary" aria-labelledby="related-topics-title"><h3 id="related-topics-title" class="more-topics__list-title">Related topics</h3><div class="topic-list-container"><table class="topic-list"><thead><tr><th>Topic</th><th>Replies</th><th>Views</th><th>Activity</th></tr></thead><tbody><tr><td><a href="%[2]s/t/bilancio-partecipativo-giovani/3981">Bilancio partecipativo giovani</a></td><td>4</td><td>211</td><td>Apr 2024</td></tr><tr><td><a href="%[2]s/t/piazze-in-comune/3870">Piazze in comune</a></td><td>0</td><td>57</td><td>Mar 2024</td></tr></tbody></table></div></div>
</div>
<footer class="container wrap"><nav class="crawler-nav"><ul><li itemscope itemtype="http://schema.org/SiteNavigationElement"><span itemprop="name"><a href="%[2]s/" itemprop="url">Home </a></span></li><li itemscope itemtype="http://schema.org/SiteNavigationElement"><span itemprop="name"><a href="%[2]s/categories" itemprop="url">Categories </a></span></li><li itemscope itemtype="http://schema.org/SiteNavigationElement"><span itemprop="name"><a href="%[2]s/guidelines" itemprop="url">Guidelines </a></span></li></ul></nav></footer>
<div class="buttons"><div class="powered-by-discourse"><a href="https://discourse.org/powered-by">Powered by Discourse</a>, best viewed with JavaScript enabled</div></div>
</body>
</html>
`, esc(discourseAfter), discourseForum, topic, esc(first), esc(value))
}

// findLabel returns the first field of p labelled label, or nil.
func findLabel(p *Page, label string) *Field {
	for i := range p.Sections {
		for j := range p.Sections[i].Fields {
			if p.Sections[i].Fields[j].Label == label {
				return &p.Sections[i].Fields[j]
			}
		}
	}
	return nil
}
