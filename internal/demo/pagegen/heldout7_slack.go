package pagegen

import (
	"fmt"
	"strings"
)

// slackEmpty is what the bot writes for an empty value; slackReplies
// starts the thread's replies after the record.
const (
	slackEmpty   = "n/d"
	slackReplies = "risposte"
)

// renderSlack7 writes a record as a Slack thread exported to HTML: a
// bot's message with the title, context lines for the region and badges,
// then one attachment per section whose fields are title/value pairs
// (short ones two per row), list items as "• " lines, "n/d" for empty
// values, links with their own text; replies naming labels follow.
func renderSlack7(b *strings.Builder, p *Page) {
	fmt.Fprintf(b, `<!DOCTYPE html>
<html lang="it">
<head>
<meta charset="utf-8">
<title>#partecipazione – Slack export</title>
<style>
body{font-family:Lato,Helvetica,sans-serif;font-size:15px}
.message{display:flex;padding:8px 20px}.attachment{border-left:4px solid #ddd;padding-left:12px;margin:6px 0}
.fields{display:flex;flex-wrap:wrap}.field{width:100%%;margin-bottom:6px}.field.short{width:50%%}
.field-title{font-weight:700}.app-badge{background:#ddd;font-size:10px;padding:0 3px}
</style>
</head>
<body>
<div class="channel-header"><span class="channel-name">#partecipazione</span> <span class="channel-topic">Schede dell'Osservatorio, una per thread</span></div>
<div class="messages">
<div class="day-divider"><span>sabato 15 febbraio</span></div>
<div class="message" id="m1581757920.000200">
<img class="avatar" src="https://avatars.slack-edge.com/2020-01-10/osservatorio_48.png" alt="" width="36" height="36">
<div class="message-body">
<div class="message-header"><span class="sender">Osservatorio Bot</span> <span class="app-badge">APP</span> <a class="timestamp" href="https://partecipa-er.slack.com/archives/C01ABCDEF/p1581757920000200">10:12</a></div>
<div class="text"><b>%s</b></div>
`, esc(p.Title))
	if p.Region != "" {
		fmt.Fprintf(b, "<div class=\"context\"><img class=\"emoji\" src=\"https://a.slack-edge.com/production-standard-emoji-assets/14.0/apple-medium/1f4cd.png\" alt=\":round_pushpin:\" width=\"16\" height=\"16\"> <span>%s</span></div>\n", esc(p.Region))
	}
	for _, bd := range badgeNames(p) {
		fmt.Fprintf(b, "<div class=\"context\"><img class=\"emoji\" src=\"https://a.slack-edge.com/production-standard-emoji-assets/14.0/apple-medium/2705.png\" alt=\":white_check_mark:\" width=\"16\" height=\"16\"> <span>%s</span></div>\n", esc(bd))
	}
	colors := []string{"#2eb67d", "#36c5f0", "#ecb22e", "#e01e5a", "#4a154b"}
	for i, s := range p.Sections {
		fmt.Fprintf(b, "<div class=\"attachment\" style=\"border-left-color:%s\">\n<div class=\"attachment-title\">%s</div>\n<div class=\"fields\">\n", colors[i%len(colors)], esc(s.Name))
		for _, f := range h7Fields(p, i) {
			class := "field"
			if !h3Long(f) && len(h7Lines(f)) <= 1 {
				class = "field short"
			}
			fmt.Fprintf(b, "<div class=\"%s\"><div class=\"field-title\">%s</div><div class=\"field-value\">%s</div></div>\n", class, esc(f.Label), slackValue(f))
		}
		b.WriteString("</div>\n</div>\n")
	}
	fmt.Fprintf(b, `<div class="reactions"><span class="reaction"><img class="emoji" src="https://a.slack-edge.com/production-standard-emoji-assets/14.0/apple-medium/1f44d.png" alt=":+1:" width="16" height="16"> 3</span></div>
<div class="thread-summary"><a href="#thread-1581757920.000200">2 %s</a></div>
</div>
</div>
<div class="thread" id="thread-1581757920.000200">
<div class="message reply"><img class="avatar" src="https://avatars.slack-edge.com/2019-11-02/giulia_48.png" alt="" width="36" height="36"><div class="message-body"><div class="message-header"><span class="sender">Giulia R.</span> <a class="timestamp" href="https://partecipa-er.slack.com/archives/C01ABCDEF/p1581760000000300">10:46</a></div><div class="text">Lo <b>Stato di avanzamento</b> andrebbe aggiornato, e manca la <b>Durata (mesi)</b>.</div></div></div>
<div class="message reply"><img class="avatar" src="https://avatars.slack-edge.com/2019-10-12/marco_48.png" alt="" width="36" height="36"><div class="message-body"><div class="message-header"><span class="sender">Marco</span> <a class="timestamp" href="https://partecipa-er.slack.com/archives/C01ABCDEF/p1581761000000400">11:03</a></div><div class="text">Partecipanti: lo chiedo al Comune :eyes:</div></div></div>
</div>
</div>
<div class="export-footer">Esportato il 20/02/2020 · 3 messaggi</div>
</body>
</html>
`, slackReplies)
}

// slackValue renders the value of a field: "n/d" when empty, list items
// as "• " lines, text lines after <br>, addresses and images as links.
func slackValue(f Field) string {
	parts := h7Lines(f)
	if len(parts) == 0 {
		return slackEmpty
	}
	return joinParts(parts, "<br>", func(pt part) string {
		switch pt.kind {
		case "img":
			return `<a href="` + esc(pt.text) + `" target="_blank" rel="noopener noreferrer">` + esc(pt.text[strings.LastIndex(pt.text, "/")+1:]) + `</a>`
		case "item":
			return "• " + h6Text(pt.text)
		}
		return h6Text(pt.text)
	})
}
