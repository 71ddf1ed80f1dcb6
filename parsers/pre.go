package parsers

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// Text drawn in a fixed-width font (<pre>) may be a two-column table: the
// labels padded with spaces to the column where the values start, long
// labels and values wrapped inside their column, list items as "* " lines,
// sections underlined with "=". A reader sees the columns; preColumns reads
// them so.

// preColumns reads a <pre> laid out in two columns and reports whether it
// was one.
func (l *linearizer) preColumns(pre *html.Node) bool {
	text := textOf(pre, 1<<20)
	if len(text) > 1<<20 || !strings.Contains(text, "  ") {
		return false
	}
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	col := valueColumn(lines)
	if col == 0 {
		return false
	}
	l.flush()
	var group []string
	for i, line := range lines {
		switch {
		case strings.TrimSpace(line) == "":
			l.preGroup(pre, group, col)
			group = group[:0]
		case i+1 < len(lines) && isUnderline(lines[i+1]):
			l.preGroup(pre, group, col)
			group = group[:0]
			l.preGroup(pre, []string{line}, col)
		case isUnderline(line):
		default:
			group = append(group, line)
		}
	}
	l.preGroup(pre, group, col)
	return true
}

// preGroup reads lines up to a blank one: a label in the left column and
// its value in the right, or text.
func (l *linearizer) preGroup(pre *html.Node, lines []string, col int) {
	if len(lines) == 0 {
		return
	}
	var left, right []string
	for _, line := range lines {
		r := []rune(line)
		if len(r) <= col {
			left = append(left, strings.TrimSpace(line))
			continue
		}
		left = append(left, strings.TrimSpace(string(r[:col])))
		right = append(right, strings.TrimSpace(string(r[col:])))
	}
	label := collapseSpace(strings.Join(left, " "))
	m := dict.lookup(label)
	if !m.found() {
		m = dict.lookupFuzzy(label, l.scope())
	}
	if !m.found() {
		for _, line := range lines {
			l.preBlock(pre, strings.TrimSpace(line))
		}
		return
	}
	if m.section != "" {
		l.tokens = append(l.tokens, token{kind: tokSection, text: m.section, how: m.how, node: pre})
	} else {
		l.tokens = append(l.tokens, token{kind: tokLabel, text: label, field: m.field, marked: true, how: m.how, dropped: m.dropped, node: pre})
	}
	// The value: a "* " line starts an item, other lines continue the one
	// before (a paragraph wrapped in its column).
	var cur strings.Builder
	for _, r := range right {
		switch {
		case r == "":
		case strings.HasPrefix(r, "* ") || strings.HasPrefix(r, "- ") || strings.HasPrefix(r, "• "):
			l.preBlock(pre, cur.String())
			cur.Reset()
			cur.WriteString(strings.TrimSpace(r[strings.IndexByte(r, ' '):]))
		default:
			if cur.Len() > 0 {
				cur.WriteByte(' ')
			}
			cur.WriteString(r)
		}
	}
	l.preBlock(pre, cur.String())
}

func (l *linearizer) preBlock(pre *html.Node, text string) {
	text = collapseSpace(text)
	if text == "" {
		return
	}
	// "Mappa https://.../map.jpg" inside a value: the map's label and its
	// image, as the observatory shows a territory's map.
	if head, rest, ok := strings.Cut(text, " "); ok && looksLikeImagePath(rest) {
		if m := dict.lookup(head); m.field != nil && m.field.mapLink {
			l.tokens = append(l.tokens, token{kind: tokLabel, text: head, field: m.field, how: m.how, node: pre},
				token{kind: tokText, text: rest, node: pre})
			return
		}
	}
	l.tokens = append(l.tokens, token{kind: tokText, text: text, node: pre})
}

// valueColumn finds where the right column starts: the position (in
// characters) after a run of two or more spaces that most lines share, and
// at least three do. 0 when the text has no such column.
func valueColumn(lines []string) int {
	count := map[int]int{}
	for _, line := range lines {
		if p := columnAfterGap(line); p > 0 {
			count[p]++
		}
	}
	best, n := 0, 0
	for p, c := range count {
		if c > n || c == n && p < best {
			best, n = p, c
		}
	}
	if n < 3 {
		return 0
	}
	return best
}

// columnAfterGap is the position of the first character after the first
// run of two or more spaces in line, past some text; 0 when there is none.
func columnAfterGap(line string) int {
	pos, spaces, text := 0, 0, false
	for _, r := range line {
		switch {
		case r == ' ':
			spaces++
		case spaces >= 2 && text:
			return pos
		default:
			spaces, text = 0, true
		}
		pos++
	}
	return 0
}

// isUnderline reports whether a line is a heading's underline: "====" or
// "----".
func isUnderline(line string) bool {
	t := strings.TrimSpace(line)
	return utf8.RuneCountInString(t) >= 3 && (strings.Trim(t, "=") == "" || strings.Trim(t, "-") == "")
}
