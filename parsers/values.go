package parsers

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// The value readers below take a value as shown on the page and return it
// typed, or an error saying why it cannot be read. They are pure and small,
// and each has a table test naming the traps it handles.

// ParseDecimal reads a number written the Italian way ("15.000,00 €",
// "16,67", "40%") or the English way ("15,000.00"). A currency sign or word
// and a percent sign are allowed around it. When both separators appear, the
// last one is the decimal separator; a lone dot followed by exactly three
// digits groups thousands ("15.000" is fifteen thousand), as Italian writes.
func ParseDecimal(s string) (float64, error) {
	t := strings.TrimSpace(strings.Map(func(r rune) rune {
		if r == '\u00a0' || r == '\u202f' || r == ' ' || r == '\'' {
			return -1
		}
		return r
	}, s))
	low := strings.ToLower(t)
	for _, unit := range []string{"€", "euro", "eur", "%"} {
		low = strings.TrimSuffix(strings.TrimPrefix(low, unit), unit)
	}
	t = low
	if t == "" {
		return 0, fmt.Errorf("no number in %q", s)
	}
	neg := false
	if t[0] == '-' || t[0] == '+' {
		neg = t[0] == '-'
		t = t[1:]
	}
	for i := 0; i < len(t); i++ {
		if c := t[i]; (c < '0' || c > '9') && c != '.' && c != ',' {
			return 0, fmt.Errorf("not a number: %q", s)
		}
	}
	dot, comma := strings.LastIndexByte(t, '.'), strings.LastIndexByte(t, ',')
	switch {
	case dot >= 0 && comma >= 0:
		if comma > dot { // 15.000,00
			t = strings.ReplaceAll(t[:comma], ".", "") + "." + t[comma+1:]
		} else { // 15,000.00
			t = strings.ReplaceAll(t[:dot], ",", "") + "." + t[dot+1:]
		}
	case comma >= 0:
		if strings.Count(t, ",") > 1 { // 1,000,000
			t = strings.ReplaceAll(t, ",", "")
		} else {
			t = strings.Replace(t, ",", ".", 1)
		}
	case dot >= 0:
		if strings.Count(t, ".") > 1 || len(t)-dot-1 == 3 { // 1.000.000, 15.000
			t = strings.ReplaceAll(t, ".", "")
		}
	}
	if strings.Contains(t, ".") && (strings.HasPrefix(t, ".") || strings.HasSuffix(t, ".")) {
		return 0, fmt.Errorf("not a number: %q", s)
	}
	v, err := strconv.ParseFloat(t, 64)
	if err != nil {
		return 0, fmt.Errorf("not a number: %q", s)
	}
	if neg {
		v = -v
	}
	return v, nil
}

// countWords may stand around a count without changing it.
var countWords = []string{"circa", "ca.", "mesi", "mese", "persone", "partecipanti", "~"}

// ParseCount reads a whole number such as "300", "1.200" or "circa 300".
func ParseCount(s string) (int, error) {
	fields := strings.Fields(strings.ToLower(s))
	var num []string
	for _, f := range fields {
		known := false
		for _, w := range countWords {
			if f == w {
				known = true
				break
			}
		}
		if !known {
			num = append(num, f)
		}
	}
	if len(num) != 1 {
		return 0, fmt.Errorf("not a count: %q", s)
	}
	t := num[0]
	if len(t) > 4 && strings.Count(t, ".") > 0 {
		t = strings.ReplaceAll(t, ".", "") // 1.200
	}
	n, err := strconv.Atoi(t)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("not a count: %q", s)
	}
	return n, nil
}

// ParseYear reads a four-digit year between 1900 and 2100.
func ParseYear(s string) (int, error) {
	t := strings.TrimRight(strings.TrimSpace(s), ".")
	if len(t) != 4 {
		return 0, fmt.Errorf("not a year: %q", s)
	}
	y, err := strconv.Atoi(t)
	if err != nil || y < 1900 || y > 2100 {
		return 0, fmt.Errorf("not a year: %q", s)
	}
	return y, nil
}

var italianMonths = map[string]time.Month{
	"gennaio": time.January, "febbraio": time.February, "marzo": time.March,
	"aprile": time.April, "maggio": time.May, "giugno": time.June,
	"luglio": time.July, "agosto": time.August, "settembre": time.September,
	"ottobre": time.October, "novembre": time.November, "dicembre": time.December,
}

// ParseDate reads a date written "dd/mm/yyyy" (also with - or . and single
// digits), "yyyy-mm-dd", or "15 febbraio 2020", and returns it as
// "yyyy-mm-dd". Impossible dates such as 31/02/2020 are errors.
func ParseDate(s string) (string, error) {
	t := strings.TrimRight(strings.TrimSpace(s), ".")
	var d, m, y int
	var err error
	switch parts := strings.FieldsFunc(t, func(r rune) bool { return r == '/' || r == '-' || r == '.' || r == ' ' }); {
	case len(parts) != 3:
		return "", fmt.Errorf("not a date: %q", s)
	case len(parts[0]) == 4: // yyyy-mm-dd
		y, err = atoiAll(parts[0], nil)
		m, err = atoiAll(parts[1], err)
		d, err = atoiAll(parts[2], err)
	default:
		d, err = atoiAll(parts[0], nil)
		if mo, ok := italianMonths[strings.ToLower(parts[1])]; ok {
			m = int(mo)
		} else {
			m, err = atoiAll(parts[1], err)
		}
		y, err = atoiAll(parts[2], err)
		if len(parts[2]) != 4 {
			err = fmt.Errorf("year must have four digits")
		}
	}
	if err != nil {
		return "", fmt.Errorf("not a date: %q", s)
	}
	tm := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if tm.Year() != y || int(tm.Month()) != m || tm.Day() != d || y < 1900 || y > 2100 {
		return "", fmt.Errorf("no such date: %q", s)
	}
	return tm.Format(time.DateOnly), nil
}

func atoiAll(s string, prev error) (int, error) {
	if prev != nil {
		return 0, prev
	}
	if s == "" || len(s) > 4 {
		return 0, fmt.Errorf("bad number %q", s)
	}
	return strconv.Atoi(s)
}

// ParseBool reads Si / Sì / Sí / SI / No (and yes / no) as true / false.
func ParseBool(s string) (bool, error) {
	switch strings.TrimRight(foldText(strings.TrimSpace(s)), ".!") {
	case "si", "si'", "yes", "vero", "true":
		return true, nil
	case "no", "false", "falso":
		return false, nil
	}
	return false, fmt.Errorf("not yes or no: %q", s)
}

// ParseIndex reads a score out of a maximum, "17 / 30", as 17 and 30.
func ParseIndex(s string) (value, maximum int, err error) {
	a, b, ok := strings.Cut(s, "/")
	if !ok {
		return 0, 0, fmt.Errorf("not an index: %q", s)
	}
	value, err1 := strconv.Atoi(strings.TrimSpace(a))
	maximum, err2 := strconv.Atoi(strings.TrimSpace(b))
	if err1 != nil || err2 != nil || value < 0 || maximum <= 0 || value > maximum {
		return 0, 0, fmt.Errorf("not an index: %q", s)
	}
	return value, maximum, nil
}

// SplitList splits a list written as text on sep (" / " for most lists,
// ", " for the guarantee committee's functions), trimming items and dropping
// empty ones ("Ascolto attivo / " is one item).
func SplitList(s, sep string) []string {
	trimmed := strings.TrimSpace(sep)
	var out []string
	for _, item := range strings.Split(s, sep) {
		item = strings.TrimSpace(item)
		// A separator at the very end loses its trailing space to trimming.
		item = strings.TrimSpace(strings.TrimSuffix(item, trimmed))
		if item != "" {
			out = append(out, item)
		}
	}
	return out
}
