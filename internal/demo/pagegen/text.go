package pagegen

import (
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"unicode"
)

// schedaPath matches the path of a page URL in all its shapes.
var schedaPath = regexp.MustCompile(`^(?:/processi/ambito)?/scheda-processo/([0-9]+)/?$`)

// ParseText reads a record text into a Page.
//
// Line 1 is the page URL (http or https, /scheda-processo/{id} or
// /processi/ambito/scheda-processo/{id}). Then come, one block per line
// and usually separated by blank lines: the optional region header
// "Regione Emilia-Romagna", the title, the call-to-action line, the badges
// ("Certificato", "Finanziato", possibly run together), and the sections.
// A section is a heading followed by labels, each followed by its value
// lines up to the next label or heading; a label directly followed by
// another label is an empty field. A "Mappa" line followed by an image
// path at the start of a value becomes the field's MapImage; outside a
// value it becomes a pseudo-field labelled "Mappa" of type "url". An
// inline "Data ultima modifica: dd/mm/yyyy" line sets LastModified.
//
// Lines are kept as written, less trailing whitespace.
func ParseText(text []byte) (*Page, error) {
	dict := labels()
	lines := splitLines(text)
	i := nextNonBlank(lines, 0)
	if i == len(lines) {
		return nil, ErrEmpty
	}
	p := &Page{URL: strings.TrimSpace(lines[i])}
	var err error
	if p.ID, err = pageID(p.URL); err != nil {
		return nil, err
	}

	// Header: region, title, call to action, badges.
	i = nextNonBlank(lines, i+1)
	if i < len(lines) && lines[i] == regionName {
		p.Region = regionName
		i = nextNonBlank(lines, i+1)
	}
	if i < len(lines) && lines[i] != ctaLine && !isSectionName(lines[i]) {
		p.Title = lines[i]
		i = nextNonBlank(lines, i+1)
	}
	for ; i < len(lines) && !isSectionName(lines[i]); i = nextNonBlank(lines, i+1) {
		if lines[i] == ctaLine {
			continue
		}
		if !parseBadges(lines[i], p) {
			return nil, fmt.Errorf("%w: line %d: unexpected text before the first section: %q", ErrFormat, i+1, lines[i])
		}
	}

	// Sections.
	var field *Field
	for ; i < len(lines); i = nextNonBlank(lines, i+1) {
		line := lines[i]
		switch {
		case isSectionName(line):
			p.Sections = append(p.Sections, Section{Name: line})
			field = nil
		case strings.HasPrefix(line, lastModPrefix):
			p.LastModified = strings.TrimSpace(strings.TrimPrefix(line, lastModPrefix))
			field = nil
		default:
			sec := &p.Sections[len(p.Sections)-1]
			if info, ok := dict[line]; ok {
				sec.Fields = append(sec.Fields, Field{Label: line, Type: info.typ})
				field = &sec.Fields[len(sec.Fields)-1]
				continue
			}
			if j := nextNonBlank(lines, i+1); line == mapLine && j < len(lines) && isImagePath(lines[j]) {
				if field != nil && len(field.Lines) == 0 && field.MapImage == "" {
					field.MapImage = lines[j]
				} else {
					sec.Fields = append(sec.Fields, Field{Label: mapLine, Type: "url", Lines: []string{lines[j]}})
					field = &sec.Fields[len(sec.Fields)-1]
				}
				i = j
				continue
			}
			if field == nil {
				return nil, fmt.Errorf("%w: line %d: value without a label in section %q: %q", ErrFormat, i+1, sec.Name, line)
			}
			field.Lines = append(field.Lines, line)
		}
	}
	return p, nil
}

// splitLines splits text into lines without their trailing whitespace.
func splitLines(text []byte) []string {
	lines := strings.Split(string(text), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRightFunc(l, unicode.IsSpace)
	}
	return lines
}

// nextNonBlank returns the index of the first non-blank line at or after
// i, or len(lines).
func nextNonBlank(lines []string, i int) int {
	for i < len(lines) && lines[i] == "" {
		i++
	}
	return i
}

// pageID returns the record id of a scheda-processo page URL.
func pageID(raw string) (int, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return 0, fmt.Errorf("%w: line 1 %q: %v", ErrBadURL, raw, err)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return 0, fmt.Errorf("%w: line 1 %q: want an http or https URL", ErrBadURL, raw)
	}
	m := schedaPath.FindStringSubmatch(u.Path)
	if m == nil {
		return 0, fmt.Errorf("%w: line 1 %q: want a path /scheda-processo/{id}", ErrBadURL, raw)
	}
	id, err := strconv.Atoi(m[1])
	if err != nil || id <= 0 {
		return 0, fmt.Errorf("%w: line 1 %q: bad record id %q", ErrBadURL, raw, m[1])
	}
	return id, nil
}

// parseBadges sets the badges named in line ("Certificato", "Finanziato",
// run together or separated by spaces) and reports whether line held only
// badges.
func parseBadges(line string, p *Page) bool {
	var cert, fin bool
	rest := strings.TrimSpace(line)
	for rest != "" {
		switch {
		case strings.HasPrefix(rest, badgeCertTxt):
			cert, rest = true, rest[len(badgeCertTxt):]
		case strings.HasPrefix(rest, badgeFinTxt):
			fin, rest = true, rest[len(badgeFinTxt):]
		default:
			return false
		}
		rest = strings.TrimSpace(rest)
	}
	p.Certified = p.Certified || cert
	p.Financed = p.Financed || fin
	return true
}

// isImagePath reports whether line is an image path: no spaces, ending in
// .jpg, .jpeg, .png or .gif.
func isImagePath(line string) bool {
	if line == "" || strings.ContainsFunc(line, unicode.IsSpace) {
		return false
	}
	l := strings.ToLower(line)
	for _, ext := range []string{".jpg", ".jpeg", ".png", ".gif"} {
		if strings.HasSuffix(l, ext) && len(l) > len(ext) {
			return true
		}
	}
	return false
}
