package pagegen

import (
	"fmt"
	"strings"
)

// bloggerSite is the address of the blog that republishes records.
const bloggerSite = "https://partecipareinemilia.blogspot.com"

// bloggerName is the blog's name, its only <h1>; bloggerFooter starts the
// post footer that follows the record.
const (
	bloggerName   = "Partecipare in Emilia"
	bloggerFooter = "Pubblicato da"
)

// bloggerLabel is the style of the span that tells a label from a value.
const bloggerLabel = "color: #38761d;"

// renderBlogger7 writes a record as a Blogspot post in the Simple theme
// whose author pasted the record into the compose editor: the editor's
// <div> per line with justified text, labels coloured, values plain,
// blank lines between fields, section titles as the editor's headings,
// images in centred separator links; then the post footer (author,
// share buttons, post labels), the comments, the pager and the sidebar.
func renderBlogger7(b *strings.Builder, p *Page) {
	slug := h5Slug(p.Title)
	postID := 8031000000000000000 + uint64(p.ID)*7919
	fmt.Fprintf(b, `<!DOCTYPE html>
<html class='v2' dir='ltr' lang='it' xmlns='http://www.w3.org/1999/xhtml' xmlns:b='http://www.google.com/2005/gml/b' xmlns:data='http://www.google.com/2005/gml/data' xmlns:expr='http://www.google.com/2005/gml/expr'>
<head>
<meta content='width=1100' name='viewport'>
<meta content='text/html; charset=UTF-8' http-equiv='Content-Type'>
<meta content='blogger' name='generator'>
<link href='%[2]s/favicon.ico' rel='icon' type='image/x-icon'>
<link href='%[2]s/2020/02/%[3]s.html' rel='canonical'>
<link rel="alternate" type="application/atom+xml" title="%[4]s - Atom" href="%[2]s/feeds/posts/default">
<link rel="service.post" type="application/atom+xml" title="%[4]s - Atom" href="https://www.blogger.com/feeds/4470391125031829116/posts/default">
<title>%[4]s: %[1]s</title>
<style id='page-skin-1' type='text/css'>
body{font:normal normal 12px Arial,Tahoma,Helvetica,FreeSans,sans-serif;color:#222222;background:#66bbdd none repeat scroll top left}
.item-control{display:none}
.post-body .separator a{margin-left:1em;margin-right:1em}
h3.post-title{font:normal normal 22px Arial,Tahoma,Helvetica,FreeSans,sans-serif}
</style>
<script type="text/javascript">window._wpcfg = {"blogId":"4470391125031829116","postId":"%[5]d"};</script>
</head>
<body class='loading variant-simplysimple'>
<div class='navbar no-items section' id='navbar' name='Navbar'>
</div>
<div class='body-fauxcolumns'><div class='fauxcolumn-outer body-fauxcolumn-outer'><div class='cap-top'><div class='cap-left'></div><div class='cap-right'></div></div></div></div>
<div class='content'><div class='content-outer'><div class='content-inner'>
<header><div class='header-outer'><div class='header-cap-top cap-top'><div class='cap-left'></div><div class='cap-right'></div></div>
<div class='section' id='header' name='Intestazione'><div class='widget Header' data-version='1' id='Header1'>
<div id='header-inner'>
<div class='titlewrapper'>
<h1 class='title'>
<a href='%[2]s/'>%[4]s</a>
</h1>
</div>
<div class='descriptionwrapper'>
<p class='description'><span>Appunti sui processi partecipativi dei comuni emiliani, dalle schede dell'Osservatorio</span></p>
</div>
</div>
</div></div>
</div></header>
<div class='tabs-outer'><div class='tabs-inner'><div class='tabs section' id='crosscol' name='Tutte le colonne'><div class='widget PageList' data-version='1' id='PageList1'>
<div class='widget-content'>
<ul>
<li class='selected'><a href='%[2]s/'>Home page</a></li>
<li><a href='%[2]s/p/chi-siamo.html'>Chi siamo</a></li>
<li><a href='%[2]s/p/come-leggere-le-schede.html'>Come leggere le schede</a></li>
</ul>
<div class='clear'></div>
</div>
</div></div></div></div>
<div class='main-outer'><div class='main-inner columns-fix-sidebar'>
<div class='columns fauxcolumns'>
<div class='column-center-outer'><div class='column-center-inner'>
<div class='main section' id='main' name='Principale'><div class='widget Blog' data-version='1' id='Blog1'>
<div class='blog-posts hfeed'>
<div class="date-outer">
<h2 class='date-header'><span>sabato 15 febbraio 2020</span></h2>
<div class="date-posts">
<div class='post-outer'>
<div class='post hentry uncustomized-post-template' itemprop='blogPost' itemscope='itemscope' itemtype='http://schema.org/BlogPosting'>
<meta content='%[2]s/2020/02/%[3]s.html' itemprop='url'>
<a name='%[5]d'></a>
<h3 class='post-title entry-title' itemprop='name'>
%[1]s
</h3>
<div class='post-header'>
<div class='post-header-line-1'></div>
</div>
<div class='post-body entry-content' id='post-body-%[5]d' itemprop='description articleBody'>
`, esc(p.Title), bloggerSite, slug, bloggerName, postID)

	line := func(inner string) {
		fmt.Fprintf(b, "<div style=\"text-align: justify;\">%s</div>\n", inner)
	}
	blank := func() { b.WriteString("<div style=\"text-align: justify;\"><br></div>\n") }
	if p.Region != "" {
		line("<i>" + esc(p.Region) + "</i>")
	}
	if badges := badgeNames(p); len(badges) > 0 {
		var spans []string
		for _, bd := range badges {
			spans = append(spans, `<span style="background-color: #d9ead3;">&nbsp;`+esc(bd)+`&nbsp;</span>`)
		}
		line(strings.Join(spans, "&nbsp;"))
	}
	blank()
	for _, s := range p.Sections {
		fmt.Fprintf(b, "<h3 style=\"text-align: left;\">%s</h3>\n", esc(s.Name))
		for _, f := range s.Fields {
			line(`<span style="` + bloggerLabel + `">` + esc(f.Label) + `</span>`)
			for _, pt := range h7Lines(f) {
				if pt.kind == "img" {
					fmt.Fprintf(b, "<div class=\"separator\" style=\"clear: both; text-align: center;\"><a href=\"%[1]s\" imageanchor=\"1\" style=\"margin-left: 1em; margin-right: 1em;\"><img border=\"0\" data-original-height=\"480\" data-original-width=\"640\" height=\"240\" src=\"%[1]s\" width=\"320\"></a></div>\n", esc(pt.text))
					continue
				}
				line(`<span style="font-family: arial;">` + h6Text(pt.text) + `</span>`)
			}
			blank()
		}
	}
	if p.LastModified != "" {
		line("<i>" + esc(lastModPrefix) + " " + esc(p.LastModified) + "</i>")
	}
	labels := []string{"partecipazione", "schede"}
	if t := h7Town(p); strings.HasPrefix(t, "Comune di ") {
		labels = append(labels, strings.TrimPrefix(t, "Comune di "))
	}
	var tagLinks []string
	for _, l := range labels {
		tagLinks = append(tagLinks, fmt.Sprintf("<a href='%s/search/label/%s' rel='tag'>%s</a>", bloggerSite, strings.ReplaceAll(esc(l), " ", "%20"), esc(l)))
	}
	fmt.Fprintf(b, `<div style='clear: both;'></div>
</div>
<div class='post-footer'>
<div class='post-footer-line post-footer-line-1'>
<span class='post-author vcard'>
%[3]s
<span class='fn' itemprop='author' itemscope='itemscope' itemtype='http://schema.org/Person'>
<meta content='https://www.blogger.com/profile/05218716532194460833' itemprop='url'>
<a class='g-profile' href='https://www.blogger.com/profile/05218716532194460833' rel='author' title='author profile'><span itemprop='name'>Redazione</span></a>
</span>
</span>
<span class='post-timestamp'>
alle
<meta content='%[1]s/2020/02/%[2]s.html' itemprop='url'>
<a class='timestamp-link' href='%[1]s/2020/02/%[2]s.html' rel='bookmark' title='permanent link'><abbr class='published' itemprop='datePublished' title='2020-02-15T10:12:00+01:00'>10:12</abbr></a>
</span>
<span class='post-comment-link'>
</span>
<span class='post-icons'>
<span class='item-control blog-admin pid-1337513355'>
<a href='https://www.blogger.com/post-edit.g?blogID=4470391125031829116&amp;postID=%[4]d&amp;from=pencil' title='Modifica post'>
<img alt='' class='icon-action' height='18' src='https://resources.blogblog.com/img/icon18_edit_allbkg.gif' width='18'>
</a>
</span>
</span>
<div class='post-share-buttons goog-inline-block'>
<a class='goog-inline-block share-button sb-email' href='https://www.blogger.com/share-post.g?blogID=4470391125031829116&amp;postID=%[4]d&amp;target=email' target='_blank' title='Invia tramite email'><span class='share-button-link-text'>Invia tramite email</span></a><a class='goog-inline-block share-button sb-blog' href='https://www.blogger.com/share-post.g?blogID=4470391125031829116&amp;postID=%[4]d&amp;target=blog' target='_blank' title='Postalo sul blog'><span class='share-button-link-text'>Postalo sul blog</span></a><a class='goog-inline-block share-button sb-twitter' href='https://www.blogger.com/share-post.g?blogID=4470391125031829116&amp;postID=%[4]d&amp;target=twitter' target='_blank' title='Condividi su X'><span class='share-button-link-text'>Condividi su X</span></a><a class='goog-inline-block share-button sb-facebook' href='https://www.blogger.com/share-post.g?blogID=4470391125031829116&amp;postID=%[4]d&amp;target=facebook' target='_blank' title='Condividi su Facebook'><span class='share-button-link-text'>Condividi su Facebook</span></a>
</div>
</div>
<div class='post-footer-line post-footer-line-2'>
<span class='post-labels'>
Etichette:
%[5]s
</span>
</div>
</div>
</div>
<div class='comments' id='comments'>
<a name='comments'></a>
<h4>1 commento:</h4>
<div class='comments-content'>
<div class='comment-thread'><ol><li class='comment' id='c6650120'><div class='avatar-image-container'><img src='https://resources.blogblog.com/img/blank.gif' alt=''></div><div class='comment-block'><div class='comment-header'><cite class='user'>Anonimo</cite><span class='icon user'></span><span class='datetime secondary-text'><a rel='nofollow' href='%[1]s/2020/02/%[2]s.html?showComment=1581848520000#c6650120'>16 febbraio 2020 alle ore 11:22</a></span></div><p class='comment-content'>Manca l'Anno di avvio: qualcuno sa quando è partito? Anche lo Stato di avanzamento andrebbe aggiornato.</p><span class='comment-actions secondary-text'><a class='comment-reply' target='_self' data-comment-id='6650120'>Rispondi</a></span></div></li></ol></div>
</div>
<p class='comment-footer'>
<a href='https://www.blogger.com/comment/fullpage/post/4470391125031829116/%[4]d' onclick=''>Posta un commento</a>
</p>
</div>
</div>
</div>
</div>
<div class='blog-pager' id='blog-pager'>
<span id='blog-pager-newer-link'>
<a class='blog-pager-newer-link' href='%[1]s/2020/02/bilancio-partecipativo-giovani.html' id='Blog1_blog-pager-newer-link' title='Post più recente'>Post più recente</a>
</span>
<span id='blog-pager-older-link'>
<a class='blog-pager-older-link' href='%[1]s/2020/01/piazze-in-comune.html' id='Blog1_blog-pager-older-link' title='Post più vecchio'>Post più vecchio</a>
</span>
<a class='home-link' href='%[1]s/'>Home page</a>
</div>
<div class='clear'></div>
<div class='post-feeds'>
<div class='feed-links'>
Iscriviti a:
<a class='feed-link' href='%[1]s/feeds/%[4]d/comments/default' target='_blank' type='application/atom+xml'>Commenti sul post (Atom)</a>
</div>
</div>
</div></div></div>
</div></div>
<div class='column-right-outer'><div class='column-right-inner'><aside>
<div class='sidebar section' id='sidebar-right-1'><div class='widget BlogArchive' data-version='1' id='BlogArchive1'>
<h2>Archivio blog</h2>
<div class='widget-content'><div id='ArchiveList'><div id='BlogArchive1_ArchiveList'>
<ul class='hierarchy'><li class='archivedate expanded'><a class='toggle' href='javascript:void(0)'><span class='zippy toggle-open'>&#9660;&#160;</span></a><a class='post-count-link' href='%[1]s/2020/'>2020</a><span class='post-count' dir='ltr'>(4)</span>
<ul class='hierarchy'><li class='archivedate expanded'><a class='toggle' href='javascript:void(0)'><span class='zippy toggle-open'>&#9660;&#160;</span></a><a class='post-count-link' href='%[1]s/2020/02/'>febbraio</a><span class='post-count' dir='ltr'>(2)</span>
<ul class='posts'><li><a href='%[1]s/2020/02/%[2]s.html'>%[6]s</a></li><li><a href='%[1]s/2020/02/bilancio-partecipativo-giovani.html'>Bilancio partecipativo giovani</a></li></ul></li></ul></li></ul>
</div></div></div>
</div>
<div class='widget Label' data-version='1' id='Label1'>
<h2>Etichette</h2>
<div class='widget-content list-label-widget-content'><ul>
<li><a dir='ltr' href='%[1]s/search/label/partecipazione'>partecipazione</a><span dir='ltr'>(12)</span></li>
<li><a dir='ltr' href='%[1]s/search/label/schede'>schede</a><span dir='ltr'>(9)</span></li>
<li><a dir='ltr' href='%[1]s/search/label/bilanci%%20partecipativi'>bilanci partecipativi</a><span dir='ltr'>(3)</span></li>
</ul></div>
</div>
<div class='widget Profile' data-version='1' id='Profile1'>
<h2>Informazioni personali</h2>
<div class='widget-content'><a href='https://www.blogger.com/profile/05218716532194460833'><img alt='La mia foto' class='profile-img' height='80' src='https://resources.blogblog.com/img/b16-rounded.gif' width='80'></a>
<dl class='profile-datablock'><dt class='profile-data'><a class='profile-name-link g-profile' href='https://www.blogger.com/profile/05218716532194460833'>Redazione</a></dt><dd class='profile-textblock'>Volontari che seguono i processi partecipativi della regione.</dd></dl>
<a class='profile-link' href='https://www.blogger.com/profile/05218716532194460833' rel='author'>Visualizza il mio profilo completo</a>
</div>
</div></div>
</aside></div></div>
</div>
</div></div>
<footer><div class='footer-outer'><div class='section' id='footer-3' name='Footer'><div class='widget Attribution' data-version='1' id='Attribution1'><div class='widget-content' style='text-align: center;'>Tema Semplice. Powered by <a href='https://www.blogger.com' target='_blank'>Blogger</a>.</div></div></div></div></footer>
</div></div></div>
<script type="text/javascript" src="https://www.blogger.com/static/v1/widgets/2975350028-widgets.js"></script>
</body>
</html>
`, bloggerSite, slug, bloggerFooter, postID, strings.Join(tagLinks, ",\n"), esc(p.Title))
}
