package pagegen

import (
	"fmt"
	"strings"
)

// telegramEmpty is what the channel writes for an empty value;
// telegramChannel is the channel's name, the page's title;
// telegramPostMax is the length at which a post is split at the next
// field boundary.
const (
	telegramEmpty   = "–"
	telegramChannel = "Osservatorio Partecipazione ER"
	telegramPostMax = 1500
)

// telegramEmojis are the emojis put before the fields, in turn.
var telegramEmojis = []string{"🔹", "📌", "🗓", "👥", "📎", "✏️"}

// telegramEmoji writes an emoji as Telegram's web preview does: the
// character inside an <i> whose background is the emoji's image.
func telegramEmoji(e string) string {
	var hex strings.Builder
	for _, c := range []byte(e) {
		fmt.Fprintf(&hex, "%02X", c)
	}
	return `<i class="emoji" style="background-image:url('//telegram.org/img/emoji/40/` + hex.String() + `.png')"><b>` + e + `</b></i>`
}

// renderTelegram7 writes a record as posts of a Telegram channel in its
// web preview (t.me/s/...): the title in bold in the first post, region
// and badges with emojis, sections in capitals, each field an emoji, a
// bold "Label:" and the value, list items on lines of their own after
// "▫️ ", "–" for empty values; the record is split into posts at field
// boundaries, each post followed by its views, time and author.
func renderTelegram7(b *strings.Builder, p *Page) {
	fmt.Fprintf(b, `<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<title>%[1]s – Telegram</title>
<meta name="viewport" content="width=device-width, initial-scale=1.0, minimum-scale=1.0, maximum-scale=1.0, user-scalable=no">
<meta property="og:title" content="%[1]s">
<meta property="og:description" content="Le schede dei processi partecipativi dell'Emilia-Romagna, una al giorno.">
<link href="//telegram.org/css/font-roboto.css?1" rel="stylesheet" type="text/css">
<link href="//telegram.org/css/telegram-web.css?1" rel="stylesheet">
</head>
<body class="widget_frame_base tgme_webpreview_body emoji_image">
<header class="tgme_header search_collapsed"><div class="tgme_header_info"><a class="tgme_header_link" href="https://t.me/osservapart"><span class="tgme_header_title"><span dir="auto">%[1]s</span></span><span class="tgme_header_counter">2 340 iscritti</span></a></div></header>
<main class="tgme_main"><section class="tgme_channel_history js-message_history">
`, telegramChannel)
	var posts []string
	var cur strings.Builder
	flush := func() {
		if cur.Len() > 0 {
			posts = append(posts, cur.String())
			cur.Reset()
		}
	}
	fmt.Fprintf(&cur, "<b>%s</b><br/>", esc(p.Title))
	if p.Region != "" {
		fmt.Fprintf(&cur, "%s %s<br/>", telegramEmoji("📍"), esc(p.Region))
	}
	for _, bd := range badgeNames(p) {
		fmt.Fprintf(&cur, "%s %s<br/>", telegramEmoji("✅"), esc(bd))
	}
	n := 0
	for i, s := range p.Sections {
		if cur.Len() > 0 {
			cur.WriteString("<br/>")
		}
		fmt.Fprintf(&cur, "<b>%s</b><br/>", esc(strings.ToUpper(s.Name)))
		for _, f := range h7Fields(p, i) {
			if cur.Len() > telegramPostMax {
				flush()
			}
			e := telegramEmojis[n%len(telegramEmojis)]
			n++
			fmt.Fprintf(&cur, "%s <b>%s:</b>", telegramEmoji(e), esc(f.Label))
			parts := h7Lines(f)
			if len(parts) == 0 {
				cur.WriteString(" " + telegramEmpty + "<br/>")
				continue
			}
			for k, pt := range parts {
				switch {
				case pt.kind == "item":
					cur.WriteString("<br/>" + telegramEmoji("▫️") + " " + h6Text(pt.text))
				case pt.kind == "img":
					sep := "<br/>"
					if k == 0 {
						sep = " "
					}
					fmt.Fprintf(&cur, `%s<a href="%s" target="_blank" rel="noopener">%s</a>`, sep, esc(pt.text), esc(pt.text))
				case k == 0:
					cur.WriteString(" " + h6Text(pt.text))
				default:
					cur.WriteString("<br/>" + h6Text(pt.text))
				}
			}
			cur.WriteString("<br/>")
		}
	}
	flush()
	for k, post := range posts {
		id := 400 + p.ID%80*3 + k
		fmt.Fprintf(b, `<div class="tgme_widget_message_wrap js-widget_message_wrap"><div class="tgme_widget_message text_not_supported_wrap js-widget_message" data-post="osservapart/%[1]d" data-view="eyJjIjotMTAwMTIzNDU2Nzg5fQ">
<div class="tgme_widget_message_user"><a href="https://t.me/osservapart"><i class="tgme_widget_message_user_photo bgcolor3" data-content="O"><img src="https://cdn4.telesco.pe/file/osservapart.jpg"></i></a></div>
<div class="tgme_widget_message_bubble"><i class="tgme_widget_message_bubble_tail"><svg class="bubble_icon" width="9px" height="20px" viewBox="0 0 9 20"><path d="M6,17 C3.2,17 1,14.8 1,12 L1,3 L9,20 Z"></path></svg></i>
<div class="tgme_widget_message_author accent_color"><a class="tgme_widget_message_owner_name" href="https://t.me/osservapart"><span dir="auto">%[2]s</span></a></div>
<div class="tgme_widget_message_text js-message_text" dir="auto">%[3]s</div>
<div class="tgme_widget_message_footer compact js-message_footer"><div class="tgme_widget_message_info short js-message_info"><span class="tgme_widget_message_views">%[4]d,%[5]dK</span><span class="copyonclick">&nbsp;</span><span class="tgme_widget_message_meta"><a class="tgme_widget_message_date" href="https://t.me/osservapart/%[1]d"><time datetime="2020-02-15T10:%02[6]d:00+00:00" class="time">10:%02[6]d</time></a></span></div></div>
</div></div></div>
`, id, telegramChannel, post, 1+k%3, 4+k, 12+k)
	}
	b.WriteString(`</section></main>
<div class="tgme_channel_join_telegram"><a class="tgme_action_button_new shine" href="https://t.me/osservapart">Unisciti al canale</a></div>
</body>
</html>
`)
}
