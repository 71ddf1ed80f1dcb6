package pagegen

import (
	"fmt"
	"strings"
)

// moodleCourse and moodleActivity name the course and the database
// activity that hold the record.
const (
	moodleCourse   = "Laboratorio di democrazia partecipativa"
	moodleActivity = "Schede dei processi partecipativi"
)

// renderMoodle8 writes a record as the single entry view of a Moodle 4
// Database activity whose teacher edited the single template: the title
// in an <h3>, region and badges under it, then a table of "Label: " and
// value cells, a row with an <h4> per section.
func renderMoodle8(b *strings.Builder, p *Page) {
	cmid := 2000 + p.ID
	fmt.Fprintf(b, `<!DOCTYPE html>
<html  dir="ltr" lang="it" xml:lang="it">
<head>
    <title>LDP: %[1]s | %[2]s</title>
    <link rel="shortcut icon" href="https://elearning.example.it/theme/image.php/boost/theme/1676541234/favicon" />
    <meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<meta name="keywords" content="moodle, LDP: %[1]s | %[2]s" />
<link rel="stylesheet" type="text/css" href="https://elearning.example.it/theme/styles.php/boost/1676541234_1/all" />
<script>
//<![CDATA[
var M = {}; M.yui = {};
M.cfg = {"wwwroot":"https:\/\/elearning.example.it","contextid":%[3]d,"langrev":1676541234,"theme":"boost"};
//]]>
</script>
    <meta name="viewport" content="width=device-width, initial-scale=1.0">
</head>
<body  id="page-mod-data-view" class="format-topics  path-mod path-mod-data chrome dir-ltr lang-it yui-skin-sam yui3-skin-sam elearning-example-it pagelayout-incourse course-12 context-%[3]d cmid-%[4]d category-3 uses-drawers drawer-open-index">
<div class="toast-wrapper mx-auto py-0 fixed-top" role="status" aria-live="polite"></div>
<div id="page-wrapper" class="d-print-block">
    <div>
    <a class="sr-only sr-only-focusable" href="#maincontent">Vai al contenuto principale</a>
</div>
    <nav class="navbar fixed-top navbar-light bg-white navbar-expand" aria-label="Navigazione del sito">
        <a href="https://elearning.example.it/my/" class="navbar-brand d-none d-md-flex align-items-center m-0 mr-4 p-0 aabtn">Formazione partecipazione</a>
            <div class="primary-navigation">
                <nav class="moremenu navigation"><ul id="moremenu-main" role="menubar" class="nav more-nav navbar-nav">
                <li data-key="home" class="nav-item" role="none"><a role="menuitem" class="nav-link" href="https://elearning.example.it/">Home</a></li>
                <li data-key="myhome" class="nav-item" role="none"><a role="menuitem" class="nav-link" href="https://elearning.example.it/my/">Dashboard</a></li>
                <li data-key="mycourses" class="nav-item" role="none"><a role="menuitem" class="nav-link" href="https://elearning.example.it/my/courses.php">I miei corsi</a></li>
                </ul></nav>
            </div>
    </nav>
    <div id="page" data-region="mainpage" data-usertour="scroller" class="drawers show-drawer-left  drag-container">
        <div id="topofscroll" class="main-inner">
            <div class="drawer-toggles d-flex"></div>
            <header id="page-header" class="header-maxwidth d-print-none">
    <div class="w-100">
        <div class="d-flex flex-wrap">
            <div id="page-navbar">
                <nav aria-label="Barra di navigazione">
    <ol class="breadcrumb">
                <li class="breadcrumb-item"><a href="https://elearning.example.it/course/view.php?id=12#section-3" >Materiali</a></li>
                <li class="breadcrumb-item"><a href="https://elearning.example.it/mod/data/view.php?id=%[4]d" aria-current="page" title="Database">%[2]s</a></li>
    </ol>
</nav>
            </div>
        </div>
        <div class="d-flex align-items-center">
                    <div class="mr-auto">
                        <div class="page-context-header"><div class="page-header-headings"><h1 class="h2">%[5]s</h1></div></div>
                    </div>
        </div>
    </div>
</header>
            <div id="page-content" class="pb-3 d-print-block">
                <div id="region-main-box">
                    <section id="region-main" aria-label="Contenuto">
                        <span class="notifications" id="user-notifications"></span>
                        <div role="main"><span id="maincontent"></span><div class="activity-header" data-for="page-activity-header"><h2>%[2]s</h2>
<div class="activity-information" data-region="activity-information"></div>
<div class="activity-description" id="intro"><div class="no-overflow"><p>Ogni gruppo inserisce la scheda di un processo partecipativo dell'Osservatorio regionale, copiando i dati dalla scheda pubblicata.</p></div></div></div>
<div class="container-fluid tertiary-navigation" id="action_bar">
    <div class="row">
        <div class="navitem"><select class="custom-select urlselect" aria-label="Navigazione database" id="url_select_db"><option value="/mod/data/view.php?d=7">Vista elenco</option><option value="/mod/data/view.php?d=7&amp;mode=single" selected="selected">Vista singola</option></select></div>
        <div class="navitem ml-sm-auto"><a class="btn btn-secondary" href="https://elearning.example.it/mod/data/edit.php?d=7">Aggiungi record</a></div>
    </div>
</div>
<div class="d-flex justify-content-center"><nav aria-label="Pagina" class="pagination pagination-centered justify-content-center"><ul class="mt-1 pagination "><li class="page-item"><a href="https://elearning.example.it/mod/data/view.php?d=7&amp;mode=single&amp;page=2" class="page-link"><span aria-hidden="true">&laquo;</span><span class="sr-only">Pagina precedente</span></a></li><li class="page-item active" aria-current="page"><a href="#" class="page-link">4</a></li><li class="page-item"><a href="https://elearning.example.it/mod/data/view.php?d=7&amp;mode=single&amp;page=4" class="page-link"><span aria-hidden="true">&raquo;</span><span class="sr-only">Pagina successiva</span></a></li></ul></nav></div>
<div id="data-singleview-content" class="data-singleview-content">
<h3 class="scheda-titolo">%[6]s</h3>
`, "LDP", esc(moodleActivity), 4400+p.ID, cmid, esc(moodleCourse), esc(p.Title))
	var head []string
	if p.Region != "" {
		head = append(head, esc(p.Region))
	}
	for _, bd := range badgeNames(p) {
		head = append(head, "<strong>"+esc(bd)+"</strong>")
	}
	if len(head) > 0 {
		fmt.Fprintf(b, "<p class=\"scheda-ente\">%s</p>\n", strings.Join(head, " &middot; "))
	}
	b.WriteString("<table class=\"mod-data-default-template  table\">\n<tbody>\n")
	for i, s := range p.Sections {
		fmt.Fprintf(b, "<tr class=\"\">\n<td class=\"cell c0\" style=\"\" colspan=\"2\"><h4>%s</h4></td>\n</tr>\n", esc(s.Name))
		for _, f := range h7Fields(p, i) {
			fmt.Fprintf(b, "<tr class=\"\">\n<td class=\"template-field cell c0\" style=\"\">%s: </td>\n<td class=\"template-token cell c1 lastcol\" style=\"\">%s</td>\n</tr>\n", esc(f.Label), moodleValue(f))
		}
	}
	fmt.Fprintf(b, `</tbody>
</table>
<div class="data-entry-footer">Aggiunto da <a href="https://elearning.example.it/user/view.php?id=311&amp;course=12">Gruppo 3 - Giulia Ferri</a> &middot; Ultima modifica: sabato, 15 febbraio 2020, 10:12</div>
<div class="comment-ctrl"><a class="showcommentsnonjs" href="https://elearning.example.it/comment/comment_ajax.php?contextid=%d">Commenti (2)</a></div>
</div>
</div>
<div class="activity-navigation container-fluid"><div class="row mb-3"><div class="col-md-4"><div class="float-left"><a href="https://elearning.example.it/mod/forum/view.php?id=%d" id="prev-activity-link" class="btn btn-link" title="Forum: Presentazioni">&#x25C0;&#xFE0E; Forum: Presentazioni</a></div></div><div class="col-md-4"><div class="mdl-align"><div class="urlselect"><select id="jump-to-activity" class="custom-select urlselect"><option value="" selected="selected">Vai a...</option><option value="/mod/page/view.php?id=%d">Glossario dei metodi</option></select></div></div></div></div></div>
                    </section>
                </div>
            </div>
        </div>
        <footer id="page-footer" class="footer-popover bg-white"><div class="footer-content-popover container"><div class="footer-section p-3"><div class="logininfo">Sei collegato come <a href="https://elearning.example.it/user/profile.php?id=311" title="Visualizza profilo">Giulia Ferri</a> (<a href="https://elearning.example.it/login/logout.php?sesskey=x8TqL2">Esci</a>)</div><div class="tool_dataprivacy"><a href="https://elearning.example.it/admin/tool/dataprivacy/summary.php">Riepilogo conservazione dati</a></div></div></div></footer>
    </div>
</div>
</body>
</html>
`, 4400+p.ID, cmid-1, cmid+1)
}

// moodleValue renders a field as the Database activity's field types do:
// multiple choices joined by <br />, text areas as paragraphs, URL fields
// as links, dates in words.
func moodleValue(f Field) string {
	parts := valueParts(f, true)
	if len(parts) == 0 {
		return ""
	}
	var lines []string
	for _, pt := range parts {
		switch pt.kind {
		case "map":
		case "img":
			u := absURL(pt.text)
			lines = append(lines, `<a href="`+esc(u)+`">`+esc(u)+`</a>`)
		case "item":
			lines = append(lines, esc(pt.text))
		default:
			if f.Type == "date" {
				lines = append(lines, esc(h8LongDate(pt.text)))
				continue
			}
			lines = append(lines, textHTML(f.Type, pt.text))
		}
	}
	if f.Type == "text" && (len(lines) > 1 || h3Long(f)) {
		return "<div class=\"no-overflow\"><p>" + strings.Join(lines, "</p><p>") + "</p></div>"
	}
	return strings.Join(lines, "<br />")
}
