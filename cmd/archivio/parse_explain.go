package main

import (
	"context"
	"fmt"
	"io"
	"net/url"
	"strings"
	"text/tabwriter"

	"archivio/parsers"
)

// explainFiles prints how each file's page was read (archivio parse
// --explain). A page that is not read as a record is still explained; the
// exit status says whether every page gave a record.
func explainFiles(ctx context.Context, e *env, files []string, site, recordURL *url.URL, contentType, format string) error {
	failed := 0
	out := newObjectWriter(e.stdout, format)
	for _, name := range files {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("parse: %w", err)
		}
		body, err := readPage(e, name)
		if err != nil {
			fmt.Fprintf(e.stderr, "archivio parse: %s: %v\n", name, err)
			failed++
			continue
		}
		u := pageURLFor(name, site, recordURL)
		rec, x, perr := parsers.Explain(body, u, contentType)
		if perr != nil {
			failed++
		}
		if format != formatTable {
			err = writeExplainJSON(out, name, rec, x, perr)
		} else {
			err = writeExplainText(e.stdout, name, u, rec, x, perr)
		}
		if err != nil {
			return fmt.Errorf("parse: write: %w", err)
		}
	}
	if err := out.Close(); err != nil {
		return fmt.Errorf("parse: write: %w", err)
	}
	if failed > 0 {
		fmt.Fprintf(e.stderr, "archivio parse: %d of %d files not read as records\n", failed, len(files))
		return errReported
	}
	return nil
}

func writeExplainJSON(w *objectWriter, name string, rec *parsers.Record, x *parsers.Explanation, perr error) error {
	out := struct {
		File        string `json:"file"`
		RecordID    int    `json:"record_id,omitempty"`
		Error       string `json:"error,omitempty"`
		Explanation *parsers.Explanation
	}{File: name, Explanation: x}
	if rec != nil {
		out.RecordID = rec.ID
	}
	if perr != nil {
		out.Error = perr.Error()
	}
	return w.Write(out)
}

func writeExplainText(w io.Writer, name string, u *url.URL, rec *parsers.Record, x *parsers.Explanation, perr error) error {
	var b strings.Builder
	fmt.Fprintf(&b, "== %s", name)
	if u != nil {
		fmt.Fprintf(&b, " (%s)", u)
	}
	fmt.Fprintf(&b, "\nencoding %s; record container %s\n", x.Encoding, orNone(x.Container))
	if len(x.Sections) > 0 {
		var s []string
		for _, sec := range x.Sections {
			s = append(s, fmt.Sprintf("%s [%s, %s]", sec.Name, sec.Element, sec.Match))
		}
		fmt.Fprintf(&b, "sections: %s\n", strings.Join(s, "; "))
	}
	b.WriteString("\nlabels:\n")
	tw := tabwriter.NewWriter(&b, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "  LABEL\tELEMENT\tMATCH\tFIELD\tVALUE AS SHOWN\tTYPED")
	for _, l := range x.Labels {
		match := l.Match
		if l.Dropped != "" {
			match += " (dropped " + l.Dropped + ")"
		}
		typed := string(l.Typed)
		if typed == "" {
			typed = "-"
		}
		if l.Note != "" {
			typed += " (" + l.Note + ")"
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\t%s\n", clip(l.Label, 40), clipLeft(l.Element, 40), match, orNone(l.Field), clip(strings.ReplaceAll(l.Text, "\n", " | "), 50), clip(typed, 60))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if len(x.Decorations) > 0 {
		b.WriteString("\ndecorations dropped:\n")
		for _, d := range x.Decorations {
			fmt.Fprintf(&b, "  %q in %s, %s\n", d.Text, d.Element, d.Where)
		}
	}
	if len(x.Unused) > 0 {
		b.WriteString("\ntext no field took:\n")
		for _, u := range x.Unused {
			fmt.Fprintf(&b, "  %q in %s: %s\n", clip(u.Text, 70), u.Element, u.Why)
		}
	}
	if len(x.Warnings) > 0 {
		b.WriteString("\nwarnings:\n")
		for _, wa := range x.Warnings {
			fmt.Fprintf(&b, "  %s: %s\n", wa.Code, wa.Message)
		}
	}
	switch {
	case perr != nil:
		fmt.Fprintf(&b, "\nresult: not read as a record: %v\n\n", perr)
	default:
		fmt.Fprintf(&b, "\nresult: record %d, %d labels (%d known)\n\n", rec.ID, len(x.Labels), knownLabels(x))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func knownLabels(x *parsers.Explanation) int {
	n := 0
	for _, l := range x.Labels {
		if l.Field != "" {
			n++
		}
	}
	return n
}

func orNone(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// clipLeft shortens s to at most n runes from its end: an element's own
// selector matters more than its ancestors'.
func clipLeft(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return "…" + string(r[len(r)-n+1:])
}
