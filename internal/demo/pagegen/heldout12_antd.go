package pagegen

import (
	"fmt"
	"strings"
)

// renderAntd12 writes a record as an Ant Design page: a bordered
// vertical Descriptions per section in three columns, each row of label
// cells followed by a row of the value cells under them; long fields
// span the three columns.
func renderAntd12(b *strings.Builder, p *Page) {
	fmt.Fprintf(b, `<!DOCTYPE html><html lang="it"><head><meta charSet="utf-8"/><meta name="viewport" content="width=device-width, initial-scale=1"/><title>%[1]s - Osservatorio Partecipazione</title><style data-rc-order="prependQueue" data-css-hash="1x7q2k" data-token-hash="ab12cd">:where(.css-dev-only-do-not-override-1x7q2k).ant-descriptions{box-sizing:border-box;}</style><link rel="stylesheet" href="/umi.8c3b2a1d.css"/></head><body><div id="root"><section class="ant-layout css-1x7q2k"><header class="ant-layout-header css-1x7q2k"><div class="logo">Osservatorio Partecipazione</div><ul class="ant-menu ant-menu-root ant-menu-horizontal ant-menu-dark css-1x7q2k" role="menu">`, esc(p.Title))
	h12Nav(b, `<li class="ant-menu-item" role="menuitem"><span class="ant-menu-title-content"><a href="/%s">%s</a></span></li>`)
	fmt.Fprintf(b, `</ul></header>
<main class="ant-layout-content css-1x7q2k" style="padding:0 48px"><nav class="ant-breadcrumb css-1x7q2k"><ol><li><a class="ant-breadcrumb-link" href="/">Home</a></li><li class="ant-breadcrumb-separator" aria-hidden="true">/</li><li><a class="ant-breadcrumb-link" href="/processi">Processi</a></li></ol></nav>
<div class="ant-page-header"><div class="ant-page-header-heading"><span class="ant-page-header-heading-title" title="%[1]s">%[1]s</span>`, esc(p.Title))
	if p.Region != "" {
		fmt.Fprintf(b, `<span class="ant-page-header-heading-sub-title">%s</span>`, esc(p.Region))
	}
	b.WriteString(`<span class="ant-page-header-heading-tags">`)
	b.WriteString(h12Badges(p, `<span class="ant-tag ant-tag-green css-1x7q2k">`, `</span>`))
	b.WriteString("</span></div></div>\n")
	for i, s := range p.Sections {
		fmt.Fprintf(b, `<div class="ant-descriptions ant-descriptions-bordered css-1x7q2k" style="margin-bottom:24px"><div class="ant-descriptions-header"><div class="ant-descriptions-title">%s</div></div><div class="ant-descriptions-view"><table><tbody>
`, esc(s.Name))
		var row []Field
		flush := func(span bool) {
			if len(row) == 0 {
				return
			}
			cs := ""
			if span {
				cs = ` colspan="3"`
			}
			b.WriteString(`<tr class="ant-descriptions-row">`)
			for _, f := range row {
				fmt.Fprintf(b, `<th class="ant-descriptions-item-label"%s><span>%s</span></th>`, cs, esc(f.Label))
			}
			b.WriteString("</tr>\n" + `<tr class="ant-descriptions-row">`)
			for _, f := range row {
				fmt.Fprintf(b, `<td class="ant-descriptions-item-content"%s><span>%s</span></td>`, cs, h12Value(f, "<br/>", "ant-image-img"))
			}
			b.WriteString("</tr>\n")
			row = nil
		}
		for _, f := range h7Fields(p, i) {
			if h3Long(f) {
				flush(false)
				row = []Field{f}
				flush(true)
				continue
			}
			row = append(row, f)
			if len(row) == 3 {
				flush(false)
			}
		}
		flush(false)
		b.WriteString("</tbody></table></div></div>\n")
	}
	fmt.Fprintf(b, `<div class="ant-alert ant-alert-info css-1x7q2k" role="alert"><div class="ant-alert-content"><div class="ant-alert-message">%[1]s <a href="/processi/%[2]d/integra">%[3]s</a></div></div></div></main>
<footer class="ant-layout-footer css-1x7q2k" style="text-align:center">Assemblea legislativa della Regione Emilia-Romagna</footer></section>
<div class="ant-notification ant-notification-bottomRight css-1x7q2k"><div class="ant-notification-notice"><div class="ant-notification-notice-description">%[4]s</div><div class="ant-notification-notice-btn"><button type="button" class="ant-btn ant-btn-primary ant-btn-sm"><span>Accetto</span></button></div></div></div>
</div><script>window.g_initialProps = {"process":{"id":%[2]d,"name":"%[5]s"}};</script><script src="/umi.4f3e2d1c.js"></script></body></html>
`, esc(ctaQuestion), p.ID, esc(ctaAction), esc(h10Cookie), h12JSON(p.Title))
}
