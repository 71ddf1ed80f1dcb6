package parsers

import "golang.org/x/net/html"

// tokKind is what a linearized piece of the page is.
type tokKind uint8

const (
	tokText    tokKind = iota // a block of visible text, with its links and images
	tokLabel                  // a field label (field nil when the dictionary does not know it)
	tokSection                // a section heading
)

// checkState is the state of a checkbox or radio button a block shows.
type checkState uint8

const (
	checkNone checkState = iota
	checkOff
	checkOn
)

// anchor is a link inside a block.
type anchor struct {
	href string
	text string
}

// image is an image inside a block. An icon element with an accessible
// name (role="img" aria-label) is an image without a source.
type image struct {
	src string
	alt string
}

// token is one step of the linearized page: the page as a reader sees it,
// one block after another, without the markup that laid it out. A page of
// short blocks makes hundreds of thousands of them, so the token is kept
// small: the rare links and images sit behind a pointer.
type token struct {
	kind  tokKind
	check checkState
	// marked says the markup presents a tokLabel as a label (dt, th,
	// label, legend, heading, label class); weak that it is only a bold
	// text leading its block or a class name, a label only when the page's
	// known labels are written so (see gateWeakLabels).
	marked, weak bool
	// inline says a tokLabel was cut from the start of a line of text
	// ("Label: value", "Label – value") rather than shown apart.
	inline  bool
	how     matchKind // tokLabel, tokSection: how the text matched the dictionary
	text    string
	field   *fieldDef   // tokLabel
	shape   string      // how the markup presents a label: see marksLabel; "bold" for a leading bold text
	dropped string      // decorations removed from the label's text
	media   *blockMedia // links and images in the block, nil when none
	// top and left place a block drawn at a fixed position (pages
	// converted from PDF draw each line so), 0 when it is not.
	top, left int32
	node      *html.Node // the element the token came from
}

// blockMedia are the links and images of a block.
type blockMedia struct {
	links  []anchor
	images []image
}

// newMedia returns the media of a block, nil when it has none.
func newMedia(links []anchor, images []image) *blockMedia {
	if len(links) == 0 && len(images) == 0 {
		return nil
	}
	return &blockMedia{links: links, images: images}
}

func (t *token) links() []anchor {
	if t.media == nil {
		return nil
	}
	return t.media.links
}

func (t *token) images() []image {
	if t.media == nil {
		return nil
	}
	return t.media.images
}
