package pagegen

import (
	"fmt"
	"strings"
)

// renderMUI12 writes a record as a React page with Material UI: a Paper
// per section, a Grid of two items per field, the label a caption
// Typography and the value a body1 Typography.
func renderMUI12(b *strings.Builder, p *Page) {
	fmt.Fprintf(b, `<!DOCTYPE html><html lang="it"><head><meta charSet="utf-8"/><meta name="viewport" content="initial-scale=1, width=device-width"/><title>%[1]s | Osservatorio Partecipazione</title><meta name="emotion-insertion-point" content=""/><style data-emotion="css-global 0">html{-webkit-font-smoothing:antialiased;box-sizing:border-box;}body{margin:0;color:rgba(0, 0, 0, 0.87);font-family:"Roboto","Helvetica","Arial",sans-serif;}</style><style data-emotion="css 1qsxih2 hpcvd9 13i4rnv">.css-1qsxih2{width:100%%;margin-left:auto;margin-right:auto;}.css-hpcvd9{margin:0;font-size:0.75rem;color:rgba(0, 0, 0, 0.6);}</style></head><body><div id="__next"><header class="MuiPaper-root MuiPaper-elevation MuiPaper-elevation4 MuiAppBar-root MuiAppBar-colorPrimary MuiAppBar-positionStatic css-1x7skt0"><div class="MuiToolbar-root MuiToolbar-gutters MuiToolbar-regular css-1i6bazn"><div class="MuiTypography-root MuiTypography-h6 css-1j9kn1j">Osservatorio Partecipazione</div>`, esc(p.Title))
	h12Nav(b, `<a class="MuiButtonBase-root MuiButton-root MuiButton-text MuiButton-colorInherit css-1ujsas3" tabindex="0" href="/%s">%s</a>`)
	fmt.Fprintf(b, `</div></header>
<main class="MuiContainer-root MuiContainer-maxWidthMd css-1qsxih2"><nav class="MuiTypography-root MuiTypography-body1 MuiBreadcrumbs-root css-1d0cpfm" aria-label="breadcrumb"><ol class="MuiBreadcrumbs-ol css-nhb8h9"><li class="MuiBreadcrumbs-li"><a class="MuiTypography-root MuiTypography-inherit MuiLink-root MuiLink-underlineHover css-1gjtqts" href="/">Home</a></li><li aria-hidden="true" class="MuiBreadcrumbs-separator css-3mf706">/</li><li class="MuiBreadcrumbs-li"><a class="MuiTypography-root MuiTypography-inherit MuiLink-root MuiLink-underlineHover css-1gjtqts" href="/processi">Processi</a></li></ol></nav>
<h1 class="MuiTypography-root MuiTypography-h4 MuiTypography-gutterBottom css-1w8yqr3">%s</h1>`, esc(p.Title))
	if p.Region != "" {
		fmt.Fprintf(b, `<p class="MuiTypography-root MuiTypography-subtitle1 css-1whp8uv">%s</p>`, esc(p.Region))
	}
	if bd := h12Badges(p, `<div class="MuiChip-root MuiChip-filled MuiChip-sizeSmall MuiChip-colorSuccess css-1d6q7g0"><span class="MuiChip-label MuiChip-labelSmall css-b9zgoq">`, `</span></div>`); bd != "" {
		fmt.Fprintf(b, `<div class="MuiStack-root css-1jaw3da">%s</div>`, bd)
	}
	b.WriteString("\n")
	for i, s := range p.Sections {
		fmt.Fprintf(b, `<div class="MuiPaper-root MuiPaper-outlined MuiPaper-rounded css-1wvu9vl"><h2 class="MuiTypography-root MuiTypography-h6 MuiTypography-gutterBottom css-1cvw0y9">%s</h2><hr class="MuiDivider-root MuiDivider-fullWidth css-39bbo6"/><div class="MuiGrid-root MuiGrid-container MuiGrid-spacing-xs-2 css-isbt42">
`, esc(s.Name))
		for _, f := range h7Fields(p, i) {
			v := h12Value(f, "<br/>", "MuiBox-root css-1ydx2gb")
			if isEmpty(f) {
				v = "—"
			}
			fmt.Fprintf(b, `<div class="MuiGrid-root MuiGrid-item MuiGrid-grid-xs-12 MuiGrid-grid-sm-4 css-1udb513"><span class="MuiTypography-root MuiTypography-caption css-hpcvd9">%s</span></div><div class="MuiGrid-root MuiGrid-item MuiGrid-grid-xs-12 MuiGrid-grid-sm-8 css-1lbd7xc"><p class="MuiTypography-root MuiTypography-body1 css-13i4rnv">%s</p></div>
`, esc(f.Label), v)
		}
		b.WriteString("</div></div>\n")
	}
	fmt.Fprintf(b, `<div class="MuiAlert-root MuiAlert-colorInfo MuiAlert-standardInfo MuiAlert-standard css-1xsto0d" role="alert"><div class="MuiAlert-message css-1xsto0d">%[1]s <a class="MuiTypography-root MuiTypography-inherit MuiLink-root MuiLink-underlineAlways css-1jdnr7b" href="/processi/%[2]d/integra">%[3]s</a></div></div></main>
<footer class="MuiBox-root css-1k0hq5a"><p class="MuiTypography-root MuiTypography-body2 MuiTypography-alignCenter css-1dk4hnp">Assemblea legislativa della Regione Emilia-Romagna</p></footer>
<div class="MuiSnackbar-root MuiSnackbar-anchorOriginBottomCenter css-zzms1t" role="presentation"><div class="MuiPaper-root MuiSnackbarContent-root css-1t0zzut" role="alert"><div class="MuiSnackbarContent-message css-1w0ym84">%[4]s</div><div class="MuiSnackbarContent-action css-1kr9x0n"><button class="MuiButtonBase-root MuiButton-root MuiButton-text css-1e6y48t" tabindex="0" type="button">Accetto</button></div></div></div>
</div><script id="__NEXT_DATA__" type="application/json">{"props":{"pageProps":{"process":{"id":%[2]d,"name":"%[5]s"}},"__N_SSP":true},"page":"/processi/[id]","query":{"id":"%[2]d"},"buildId":"Xq3k9LmP2vN8","isFallback":false,"gssp":true,"scriptLoader":[]}</script></body></html>
`, esc(ctaQuestion), p.ID, esc(ctaAction), esc(h10Cookie), h12JSON(p.Title))
}
