package schema

// Kind says how the parser reads a field's value text. It refines the
// contract's type column: an "int" is a count or a year, a "url" a link or
// an image, a "number" an amount or a percentage.
type Kind uint8

const (
	Text      Kind = iota // free text, blocks joined by newlines
	Enum                  // controlled vocabulary, kept as written
	URL                   // a link: the first href, else a URL in the text
	Image                 // an image: the first src, else an href, else a path in the text
	Int                   // a count
	Year                  // a four-digit year
	Money                 // an Italian-format euro amount
	Percent               // a percentage, with or without %
	Bool                  // Si / Sì / No
	Date                  // dd/mm/yyyy -> yyyy-mm-dd
	List                  // items, or " / "-separated text
	CommaList             // items, or ", "-separated text
	Index                 // "17 / 30": value and maximum
)

var kindNames = [...]string{
	Text: "text", Enum: "enum", URL: "url", Image: "image", Int: "int", Year: "year",
	Money: "money", Percent: "percent", Bool: "bool", Date: "date", List: "list",
	CommaList: "comma_list", Index: "index",
}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "unknown"
}
