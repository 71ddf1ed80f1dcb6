// Package pagegen renders the visible text of real "scheda processo" pages
// of the Osservatorio Partecipazione (Regione Emilia-Romagna) into HTML
// pages in several plausible CMS layouts.
//
// The data comes from records/*.txt: public page texts, one block per
// line, with the page URL on line 1 (see ParseText for the format),
// embedded. The labels and their types come from the record schema
// (archivio/parsers/schema), the one field table the parser and the
// export read too.
//
// The rendered pages serve as parser test fixtures, where a parser must
// read every layout without knowing any of them, and as pages of the
// offline demo site. Each layout differs in markup and in character
// encoding:
//
//   - "dl": UTF-8 with <meta charset>, sections as <dl> lists.
//   - "table": windows-1252, one <table> per section, no <h1>.
//   - "divs": UTF-8 without any charset declaration, Bootstrap-like rows
//     with tooltips, leaked per-field configuration strings and hidden
//     decoy fields.
//   - "inline": ISO-8859-1, "Label: value" paragraphs and <h4> blocks.
//
// Two more hand-written layouts, listed by MoreLayouts rather than
// Layouts, are UTF-8:
//
//   - "form": a read-only record form as ASP.NET WebForms renders it, with
//     view state, fieldsets, <label for> labels (required stars in <abbr>,
//     help links) and values in disabled or read-only controls: text boxes,
//     text areas, drop-down lists and check boxes.
//   - "cards": Bootstrap cards and list groups, <strong> labels with info
//     icons or markers, values after a <br>, lists as <br>-separated lines.
//
// RenderRandom renders a page in a markup drawn from a seed: element kinds
// for labels and values, nesting, label decorations, letter case,
// whitespace, form controls, list shapes, entities, and UTF-8 or
// windows-1252 declared in the Content-Type, a <meta>, a byte order mark or
// not at all. Whatever the markup, a reader reads the same record.
//
// Every page starts with an HTML comment that names the record and the
// text it came from. This package deliberately shares no code with
// archivio/parsers, so that the parser is tested against markup it did
// not produce itself.
package pagegen
