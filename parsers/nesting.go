package parsers

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// maxNesting is how deep elements may nest in a page that the HTML parser
// refused for nesting too deep (it stops at 512 open elements). Deeper
// tags are dropped and their text kept, so a page with absurd nesting
// after its fields still gives its record.
const maxNesting = 256

// parseHTML parses a decoded page. A page nested too deep for the HTML
// parser is flattened below maxNesting and parsed again, with a warning.
func parseHTML(ctx context.Context, text []byte) (*html.Node, *Warning, error) {
	root, err := html.Parse(bytes.NewReader(text))
	if err == nil {
		return root, nil, nil
	}
	if !strings.Contains(err.Error(), "open stack of elements") {
		return nil, nil, fmt.Errorf("parse html: %w", err)
	}
	flat, dropped, ferr := flatten(ctx, text)
	if ferr != nil {
		return nil, nil, fmt.Errorf("parse html: %w", ferr)
	}
	root, err = html.Parse(bytes.NewReader(flat))
	if err != nil {
		return nil, nil, fmt.Errorf("parse html (flattened): %w", err)
	}
	w := &Warning{Code: "deep_nesting", Message: fmt.Sprintf("elements nested deeper than %d: %d tags below that depth were dropped, their text kept", maxNesting, dropped)}
	return root, w, nil
}

// flatten copies a page, leaving out start and end tags nested deeper than
// maxNesting. Depth is counted as written; elements whose end tag is
// usually left out (p, li, td, ...) and void elements do not count.
func flatten(ctx context.Context, text []byte) ([]byte, int, error) {
	z := html.NewTokenizer(bytes.NewReader(text))
	var out bytes.Buffer
	out.Grow(len(text))
	depth, dropped := 0, 0
	for i := 0; ; i++ {
		if i%4096 == 0 && ctx.Err() != nil {
			return nil, 0, ctx.Err()
		}
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			if z.Err() == io.EOF {
				return out.Bytes(), dropped, nil
			}
			return nil, 0, z.Err()
		case html.StartTagToken:
			name, _ := z.TagName()
			if countsForDepth(atom.Lookup(name)) {
				depth++
				if depth > maxNesting {
					dropped++
					continue
				}
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			if countsForDepth(atom.Lookup(name)) {
				depth--
				if depth >= maxNesting {
					continue
				}
				depth = max(depth, 0)
			}
		}
		out.Write(z.Raw())
	}
}

func countsForDepth(a atom.Atom) bool {
	switch a {
	case atom.Area, atom.Base, atom.Br, atom.Col, atom.Embed, atom.Hr, atom.Img, atom.Input,
		atom.Link, atom.Meta, atom.Source, atom.Track, atom.Wbr, atom.P, atom.Li, atom.Td, atom.Th,
		atom.Tr, atom.Dt, atom.Dd, atom.Option, atom.Optgroup:
		return false
	}
	return true
}
