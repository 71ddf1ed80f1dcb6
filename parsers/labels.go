package parsers

import (
	"reflect"
	"strings"

	"archivio/parsers/schema"
)

// kind says how a field's value text is read (see schema.Kind).
type kind = schema.Kind

const (
	kindText      = schema.Text
	kindEnum      = schema.Enum
	kindURL       = schema.URL
	kindImage     = schema.Image
	kindInt       = schema.Int
	kindYear      = schema.Year
	kindMoney     = schema.Money
	kindPercent   = schema.Percent
	kindBool      = schema.Bool
	kindDate      = schema.Date
	kindList      = schema.List
	kindCommaList = schema.CommaList
	kindIndex     = schema.Index
)

// fieldDef is one entry of the label dictionary: the schema field, how its
// value is read, the Italian labels that name it, and where the value goes
// in a Record.
type fieldDef struct {
	name   string
	kind   kind
	labels []string
	// mapLink marks "Mappa": a label that takes only the image after it and
	// leaves the field it interrupts open (the observatory shows the map
	// inside the value of "Territorio Interessato").
	mapLink bool

	str     func(*Record) **string
	integer func(*Record) **int
	number  func(*Record) **float64
	boolean func(*Record) **bool
	list    func(*Record) *[]string
}

// sectionNames are the observatory's section headings. They end a value and
// are never values themselves.
var sectionNames = schema.Sections()

// mapLabel is the label of the map image the observatory shows inside the
// value of "Territorio Interessato"; it is read into impact_map.
const mapLabel = "Mappa"

// fieldDefs is the label dictionary, in the order of the schema
// (archivio/parsers/schema), plus the map link. The header fields (id,
// title, region, badges) are read from the page structure, not from labels.
var fieldDefs = newFieldDefs()

func newFieldDefs() []fieldDef {
	var defs []fieldDef
	for _, f := range schema.Fields() {
		if f.Header() {
			continue
		}
		d := fieldDef{name: f.Name, kind: f.Kind, labels: f.Labels}
		setAccessor(&d)
		defs = append(defs, d)
		if f.Name == "impact_map" {
			m := d
			m.labels, m.mapLink = []string{mapLabel}, true
			defs = append(defs, m)
		}
	}
	return defs
}

// recordFields maps a Record field's JSON name to its index.
var recordFields = func() map[string]int {
	m := make(map[string]int)
	rt := reflect.TypeFor[Record]()
	for i := range rt.NumField() {
		m[jsonFieldName(rt.Field(i))] = i
	}
	return m
}()

// setAccessor points a dictionary entry at the Record member of the same
// JSON name, by the Go type its kind stores. An index has none: it fills
// two members (see setScalar). TestDictionaryAccessors checks that every
// entry got the accessor its kind needs.
func setAccessor(d *fieldDef) {
	i, ok := recordFields[d.name]
	if !ok {
		return
	}
	ft := reflect.TypeFor[Record]().Field(i).Type
	member := func(r *Record) reflect.Value { return reflect.ValueOf(r).Elem().Field(i).Addr() }
	switch {
	case d.kind == kindIndex:
	case ft == reflect.TypeFor[*string]():
		d.str = func(r *Record) **string { return member(r).Interface().(**string) }
	case ft == reflect.TypeFor[*int]():
		d.integer = func(r *Record) **int { return member(r).Interface().(**int) }
	case ft == reflect.TypeFor[*float64]():
		d.number = func(r *Record) **float64 { return member(r).Interface().(**float64) }
	case ft == reflect.TypeFor[*bool]():
		d.boolean = func(r *Record) **bool { return member(r).Interface().(**bool) }
	case ft == reflect.TypeFor[[]string]():
		d.list = func(r *Record) *[]string { return member(r).Interface().(*[]string) }
	}
}

func jsonFieldName(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
	return name
}

// placeholders are texts the observatory shows instead of a value. A field
// showing one is null; the text stays in Raw.
var placeholders = []string{
	"Non indicato o dato non disponibile nelle fonti consultate",
	"Non prevista come premialità nel bando di riferimento",
}
