package pagegen

import (
	"fmt"
	"strings"
)

// airtableLinked are the list fields the base keeps as links to records
// of another table (the bodies); the other lists are multiple selects.
var airtableLinked = set("Titolari della decisione", "Soggetti esterni")

// airtableColors are the background colours of select tokens.
var airtableColors = []string{"#d0f0fd", "#d1f7c4", "#ffeab6", "#fee2d5", "#ede2fe", "#e1e1e1"}

// airtableCell is the type of a field's cell and the icon of its label.
func airtableCell(f Field) (cell, icon string) {
	switch {
	case f.Label == mapLine || f.Type == "url" && (isEmpty(f) || isImagePath(f.Lines[0])):
		return "multipleAttachment", "Paperclip"
	case airtableLinked[f.Label]:
		return "foreignKey", "ArrowSquareOut"
	case listSep(f.Type) != "":
		return "multiSelect", "ListChecks"
	case f.Type == "enum" || f.Type == "bool" || f.Label == "Riscontro della prevalenza di genere fra i partecipanti":
		return "select", "CaretCircleDown"
	case f.Type == "int":
		return "number", "HashStraight"
	case f.Type == "date":
		return "date", "CalendarBlank"
	case h4Long(f):
		return "multilineText", "Paragraph"
	default:
		return "text", "TextAa"
	}
}

// renderAirtable5 writes a record of an Airtable base opened through a
// shared record link, as the browser shows it: the top bar with the
// base's name and the sign-up button, the record's primary field as its
// title, the fields outside any section (the region and the badges),
// then one collapsible section per section of the record, each field a
// label with its type icon and description tooltip above its cell. The
// map of a field is an attachment field of its own before it.
func renderAirtable5(b *strings.Builder, p *Page) {
	fmt.Fprintf(b, `<!DOCTYPE html>
<html lang="it" class="baymax">
<head>
<meta charset="utf-8">
<title>%[1]s: Schede processi - Airtable</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<link rel="stylesheet" href="https://static.airtable.com/css/shared_view.min.c7d4a2.css">
<script>window.initData = {"sharedRecordId":"shr%[2]s","applicationId":"app%[3]s","tableId":"tbl%[4]s","locale":"it","isPublic":true};</script>
<script src="https://static.airtable.com/js/lib_shared_view.min.9f0e1d.js" defer></script>
</head>
<body class="baymax height-full">
<div id="hyperbaseContainer" class="height-full">
<div class="sharedRecordView flex flex-column height-full">
<div class="topBar flex items-center px2 py1 border-bottom">
<a href="https://airtable.com/?utm_source=shared_record" class="flex-none mr2" aria-label="Airtable"><svg width="28" height="24" viewBox="0 0 200 170" aria-hidden="true"><path fill="#FCB400" d="M90 2L16 33c-4 2-4 8 0 10l75 30c6 2 13 2 19 0l75-30c4-2 4-8 0-10L110 2c-6-3-14-3-20 0"></path></svg></a>
<div class="flex-auto truncate strong text-white">Osservatorio Partecipazione</div>
<a class="signUpButton rounded px2 py-half strong" href="https://airtable.com/signup?utm_source=shared_record">Iscriviti gratuitamente ad Airtable</a>
</div>
<div class="detailView flex-auto overflow-auto" role="dialog" aria-label="Record espanso">
<div class="recordHeader px4 pt3">
<div class="primaryDisplay text-size-xlarge strong line-height-3">%[1]s</div>
<div class="recordMeta text-size-small quiet mt-half">Schede processi · Tutte le schede</div>
</div>
<div class="detailViewFields px4 pb4">
`, esc(p.Title), h3ID(p.URL+"#shr", 14), h3ID("app", 14), h3ID("tbl", 14))
	region := Field{Label: "Regione", Type: "enum"}
	if p.Region != "" {
		region.Lines = []string{p.Region}
	}
	airtableField(b, region)
	badges := Field{Label: "Riconoscimenti", Type: "list( / )"}
	if n := badgeNames(p); len(n) > 0 {
		badges.Lines = []string{strings.Join(n, " / ")}
	}
	airtableField(b, badges)
	for i, s := range p.Sections {
		fields := h5MapsApart(h4Fields(s, i == len(p.Sections)-1, p))
		n := "campi"
		if len(fields) == 1 {
			n = "campo"
		}
		fmt.Fprintf(b, `<div class="recordDetailSection mt3"><button type="button" class="sectionHeader flex items-center width-full pointer" aria-expanded="true"><svg width="16" height="16" viewBox="0 0 16 16" class="flex-none mr1" aria-hidden="true"><use fill="currentColor" href="/images/icon_definitions.svg#ChevronDown"></use></svg><span class="sectionName strong text-size-large">%s</span><span class="sectionFieldCount ml1 quiet">%d %s</span></button>
<div class="sectionFields">
`, esc(s.Name), len(fields), n)
		for _, f := range fields {
			airtableField(b, f)
		}
		b.WriteString("</div>\n</div>\n")
	}
	b.WriteString(`</div>
</div>
<div class="sharedRecordFooter flex items-center justify-center py2 quiet text-size-small">Creato con Airtable</div>
</div>
</div>
</body>
</html>
`)
}

// airtableField writes one label and its cell.
func airtableField(b *strings.Builder, f Field) {
	cell, icon := airtableCell(f)
	fmt.Fprintf(b, `<div class="labelCellPair mb2" data-columnid="fld%s" data-testid="labelCellPair"><div class="fieldLabel flex items-center quiet mb-half"><svg width="16" height="16" viewBox="0 0 16 16" class="flex-none mr-half" aria-hidden="true"><use fill="currentColor" href="/images/icon_definitions.svg#%s"></use></svg><div class="truncate" title="%s">%s</div>`,
		h3ID(f.Label, 14), icon, esc(f.Label), esc(f.Label))
	if help, ok := fieldHelp[f.Label]; ok {
		fmt.Fprintf(b, `<span class="fieldDescriptionIcon ml-half flex-none" role="img" aria-label="Descrizione del campo" data-tooltip="%s"><svg width="12" height="12" viewBox="0 0 16 16" aria-hidden="true"><use fill="currentColor" href="/images/icon_definitions.svg#Info"></use></svg></span>`, esc(help))
	}
	fmt.Fprintf(b, `</div><div class="cellContainer"><div class="cell read %s" data-columntype="%s">`, cell, cell)
	switch cell {
	case "multipleAttachment":
		b.WriteString(`<div class="flex flex-wrap">`)
		for _, pt := range valueParts(f, false) {
			if pt.kind == "img" {
				u := esc(absURL(pt.text))
				fmt.Fprintf(b, `<a class="attachmentThumbnail rounded mr1" href="%s" target="_blank" rel="noopener noreferrer"><img src="%s" alt="" height="80" class="rounded"></a>`, u, u)
			}
		}
		b.WriteString(`</div>`)
	case "foreignKey":
		b.WriteString(`<div class="foreignRecordContainer flex flex-wrap">`)
		for _, it := range h4Items(f) {
			fmt.Fprintf(b, `<div class="foreignRecord rounded border px1 mr-half mb-half"><div class="truncate">%s</div></div>`, esc(it))
		}
		b.WriteString(`</div>`)
	case "multiSelect", "select":
		var tokens []string
		if cell == "multiSelect" {
			tokens = h4Items(f)
		} else {
			tokens = f.Lines
		}
		b.WriteString(`<div class="flex flex-wrap">`)
		for _, t := range tokens {
			fmt.Fprintf(b, `<div class="choiceToken flex-inline items-center rounded-full px1 mr-half mb-half" style="background-color: %s;"><div class="truncate-pre">%s</div></div>`, airtableColors[h3Hash(t)%uint32(len(airtableColors))], esc(t))
		}
		b.WriteString(`</div>`)
	case "multilineText":
		b.WriteString(`<div class="richText" style="white-space: pre-wrap;">`)
		b.WriteString(h3Autolink(strings.Join(f.Lines, "\n"), func(u string) string {
			return `<a href="` + esc(u) + `" target="_blank" rel="noopener noreferrer">` + esc(u) + `</a>`
		}))
		b.WriteString(`</div>`)
	case "number":
		fmt.Fprintf(b, `<div class="truncate text-right">%s</div>`, esc(strings.Join(f.Lines, " ")))
	default:
		fmt.Fprintf(b, `<div class="truncate-pre">%s</div>`, esc(strings.Join(f.Lines, " ")))
	}
	b.WriteString("</div></div></div>\n")
}
