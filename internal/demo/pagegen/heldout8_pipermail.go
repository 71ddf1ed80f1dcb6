package pagegen

import (
	"fmt"
	"strings"
)

// pipermailList is the mailing list whose archive holds the record.
const pipermailList = "Partecipa-ER"

// renderPipermail8 writes a record as a Mailman 2 archive message: a
// reply quoting the mail a site's form sent with the record, in a <pre>,
// every quoted line marked as pipermail marks it.
func renderPipermail8(b *strings.Builder, p *Page) {
	n := 400 + p.ID%500
	subject := "[" + pipermailList + "] Nuova scheda: " + p.Title
	fmt.Fprintf(b, `<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<HTML>
 <HEAD>
   <TITLE> %[1]s
   </TITLE>
   <LINK REL="Index" HREF="index.html" >
   <LINK REL="made" HREF="mailto:partecipa-er%%40liste.example.it?Subject=Re%%3A%%20%[2]s&In-Reply-To=%%3C20200214170311.4411%%40osservatorio.example.it%%3E">
   <META NAME="robots" CONTENT="index,nofollow">
   <META http-equiv="Content-Type" content="text/html; charset=iso-8859-1">
   <LINK REL="Previous"  HREF="%06[3]d.html">
   <LINK REL="Next"  HREF="%06[4]d.html">
 </HEAD>
 <BODY BGCOLOR="#ffffff">
   <H1>%[1]s</H1>
    <B>Laura Bianchi</B> 
    <A HREF="mailto:partecipa-er%%40liste.example.it?Subject=Re%%3A%%20%[2]s&In-Reply-To=%%3C20200214170311.4411%%40osservatorio.example.it%%3E"
       TITLE="%[1]s">laura.bianchi at example.it
       </A><BR>
    <I>Sab 15 Feb 2020 10:12:44 CET</I>
    <UL>
        <LI>Messaggio precedente: <A HREF="%06[3]d.html">[%[5]s] Incontro del 20 febbraio
</A></li>
        <LI>Messaggio successivo: <A HREF="%06[4]d.html">[%[5]s] Nuova scheda
</A></li>
         <LI> <B>Messaggi ordinati per:</B> 
              <a href="date.html#%[6]d">[ data ]</a>
              <a href="thread.html#%[6]d">[ thread ]</a>
              <a href="subject.html#%[6]d">[ oggetto ]</a>
              <a href="author.html#%[6]d">[ autore ]</a>
         </LI>
       </UL>
    <HR>  
<!--beginarticle-->
<PRE>Ciao a tutti,
la scheda qui sotto &#232; arrivata ieri dal modulo di segnalazione del sito;
l'ho controllata e pubblicata. Se qualcuno ha altre informazioni pu&#242;
integrarle dal sito.

Laura

Il 14/02/2020 18:03, modulo-segnalazioni at osservatorio.example.it ha scritto:
`, esc(subject), pipermailQuery("Nuova scheda: "+p.Title), n-1, n+1, pipermailList, n)
	var lines []string
	add := func(s string) { lines = append(lines, s) }
	add("Nuova segnalazione ricevuta dal modulo \"Segnala un processo\".")
	add("")
	add("Titolo: " + p.Title)
	if p.Region != "" {
		add("Regione: " + p.Region)
	}
	if bs := badgeNames(p); len(bs) > 0 {
		add("Riconoscimenti: " + strings.Join(bs, ", "))
	}
	add("Pagina: " + p.URL)
	for i, s := range p.Sections {
		add("")
		add("== " + s.Name + " ==")
		for _, f := range h7Fields(p, i) {
			var vals []string
			for _, pt := range valueParts(f, false) {
				switch pt.kind {
				case "map":
				case "img":
					vals = append(vals, absURL(pt.text))
				default:
					vals = append(vals, pt.text)
				}
			}
			if len(vals) == 1 && len([]rune(f.Label+vals[0])) <= 66 {
				add(f.Label + ": " + vals[0])
				continue
			}
			if len(vals) == 0 {
				add(f.Label + ":")
				continue
			}
			add(f.Label + ":")
			for _, v := range vals {
				for _, w := range h8Wrap(v, 70) {
					add(w)
				}
			}
		}
	}
	add("")
	add("-- ")
	add("Messaggio generato automaticamente dal sito dell'Osservatorio.")
	for _, l := range lines {
		if l == "" {
			b.WriteString("&gt;<i>\n</I>")
			continue
		}
		b.WriteString("&gt;<i> " + pipermailText(l) + "\n</I>")
	}
	fmt.Fprintf(b, `
-------------- parte successiva --------------
Un allegato HTML &#232; stato rimosso...
URL: &lt;<A HREF="http://liste.example.it/pipermail/partecipa-er/attachments/20200215/5b1c8a2e/attachment.html">http://liste.example.it/pipermail/partecipa-er/attachments/20200215/5b1c8a2e/attachment.html</A>&gt;
</PRE>

<!--endarticle-->
    <HR>
    <UL>
        <!--threads-->
	<LI>Messaggio precedente: <A HREF="%06[1]d.html">[%[3]s] Incontro del 20 febbraio
</A></li>
	<LI>Messaggio successivo: <A HREF="%06[2]d.html">[%[3]s] Nuova scheda
</A></li>
         <LI> <B>Messaggi ordinati per:</B> 
              <a href="date.html#%[4]d">[ data ]</a>
              <a href="thread.html#%[4]d">[ thread ]</a>
              <a href="subject.html#%[4]d">[ oggetto ]</a>
              <a href="author.html#%[4]d">[ autore ]</a>
         </LI>
       </UL>

<hr>
<a href="http://liste.example.it/mailman/listinfo/partecipa-er">Maggiori informazioni sulla lista 
%[3]s</a><br>
</body></html>
`, n-1, n+1, pipermailList, n)
}

// pipermailText escapes a line of a mail as pipermail does, linking the
// http and https addresses in it.
func pipermailText(line string) string {
	return h3Autolink(line, func(u string) string {
		return `<A HREF="` + esc(u) + `">` + esc(u) + `</A>`
	})
}

// pipermailQuery percent-encodes s for the subject of a mailto: link.
func pipermailQuery(s string) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-' || c == '_' {
			b.WriteByte(c)
			continue
		}
		fmt.Fprintf(&b, "%%%02X", c)
	}
	return b.String()
}
