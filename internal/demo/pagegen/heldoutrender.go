package pagegen

import (
	"fmt"
	"strings"
)

// namesOf returns the names of ls, in order.
func namesOf(ls []layout) []string {
	names := make([]string, len(ls))
	for i, l := range ls {
		names[i] = l.name
	}
	return names
}

// renderHeldOut renders p in the layout of a held-out set named name and
// returns the page and the Content-Type a server sends with it; set names
// the set in the error for a layout it does not have.
func renderHeldOut(ls []layout, set string, p *Page, name string) ([]byte, string, error) {
	if p == nil {
		return nil, "", fmt.Errorf("render held-out %s: nil page", name)
	}
	for _, l := range ls {
		if l.name != name {
			continue
		}
		var b strings.Builder
		b.WriteString(provenance(p, "held-out "+name))
		b.WriteString("\n")
		l.render(&b, p)
		out, err := l.encode(b.String())
		if err != nil {
			return nil, "", fmt.Errorf("render record %d in held-out layout %s: %w", p.ID, name, err)
		}
		return out, l.contentType, nil
	}
	return nil, "", fmt.Errorf("%w: %q (%s: %s)", ErrUnknownLayout, name, set, strings.Join(namesOf(ls), ", "))
}
