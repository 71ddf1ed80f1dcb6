package parsers

import (
	"strings"
)

// Near-miss labels. A page may write a label a little differently from the
// dictionary: a word more or less ("Natura del processo", "Stato
// avanzamento", "Stato di avanzamento del processo"), the singular for the
// plural ("Soggetto esterno"), a typo ("Stato di avanzamneto"). Such a label
// maps to its field when exactly one field is that close, and the record
// says so with a fuzzy_label warning. Labels close to two fields ("Data",
// "Anno", "Comitato di Garanzia locale - Funzioni") are not guessed.
//
// The comparison is on content words: the label is normalized, split into
// words, small words (articles, prepositions) are dropped, and each word is
// cut to a stem (its last vowel removed, so singular and plural meet). Two
// stems are the same word when equal, or, for stems of five letters or
// more, one edit apart (two for nine or more): a typo. A dictionary label
// is near when the words differ by at most one word inserted, removed or
// replaced, and at least two words are shared (for one-word labels: the
// same word).

// stopWords are the Italian function words that do not tell labels apart.
var stopWords = map[string]bool{
	"di": true, "del": true, "della": true, "dello": true, "dei": true, "degli": true, "delle": true,
	"d": true, "a": true, "al": true, "alla": true, "allo": true, "ai": true, "agli": true, "alle": true,
	"da": true, "dal": true, "dalla": true, "dai": true, "dalle": true, "in": true, "nel": true,
	"nella": true, "nei": true, "nelle": true, "con": true, "su": true, "sul": true, "sulla": true,
	"sui": true, "sulle": true, "per": true, "tra": true, "fra": true, "il": true, "lo": true,
	"la": true, "i": true, "gli": true, "le": true, "l": true, "un": true, "uno": true, "una": true,
	"e": true, "ed": true, "o": true, "od": true,
	"dell": true, "all": true, "nell": true, "sull": true, "dall": true, "un'": true,
}

// fuzzyLabel is a dictionary label as content-word stems.
type fuzzyLabel struct {
	field *fieldDef
	stems []string
}

// labelStems splits a normalized label into the stems of its content words.
func labelStems(n string) []string {
	words := strings.FieldsFunc(n, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r >= 0x80)
	})
	out := words[:0]
	for _, w := range words {
		if stopWords[w] {
			continue
		}
		out = append(out, stem(w))
	}
	return out
}

// stem removes a final vowel from words longer than three letters, so that
// "soggetti" and "soggetto", "partecipanti" and "partecipante" meet.
func stem(w string) string {
	if len(w) > 3 {
		switch w[len(w)-1] {
		case 'a', 'e', 'i', 'o':
			return w[:len(w)-1]
		}
	}
	return w
}

// sameWord reports whether two stems are the same word, allowing a typo in
// long ones.
func sameWord(a, b string) bool {
	if a == b {
		return true
	}
	n := min(len(a), len(b))
	switch {
	case n >= 9:
		return editDistance(a, b, 2) <= 2
	case n >= 5:
		return editDistance(a, b, 1) <= 1
	}
	return false
}

// wordDistance is the number of words to insert, remove or replace to turn
// a into b, and the number of words they share.
func wordDistance(a, b []string) (dist, shared int) {
	// Small inputs (labels have at most a dozen words): a full table.
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			sub := prev[j-1]
			if !sameWord(a[i-1], b[j-1]) {
				sub++
			}
			cur[j] = min(sub, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	for _, x := range a {
		for _, y := range b {
			if sameWord(x, y) {
				shared++
				break
			}
		}
	}
	return prev[len(b)], shared
}

// fuzzyMatch returns the field a near-miss label maps to, or nil when no
// field is near or more than one is equally near.
func (d *dictionary) fuzzyMatch(normalized string) *fieldDef {
	seen := labelStems(normalized)
	if len(seen) == 0 || len(seen) > 16 {
		return nil
	}
	best, bestDist, tie := (*fieldDef)(nil), 99, false
	for _, fl := range d.fuzzy {
		dist, shared := wordDistance(seen, fl.stems)
		if !near(seen, fl.stems, dist, shared) {
			continue
		}
		switch {
		case dist < bestDist:
			best, bestDist, tie = fl.field, dist, false
		case dist == bestDist && fl.field.name != best.name:
			tie = true
		}
	}
	if tie {
		return nil
	}
	return best
}

// near reports whether a label with words seen is close enough to a
// dictionary label with words known.
func near(seen, known []string, dist, shared int) bool {
	if len(known) == 1 || len(seen) == 1 {
		return len(seen) == 1 && len(known) == 1 && dist == 0
	}
	if dist == 1 && len(seen) == len(known) && shared < 3 {
		// One word of a short label replaced by another ("Schede dei
		// processi partecipativi" and "Design del processo
		// partecipativo"): another thing named, not a near miss.
		return false
	}
	return dist <= 1 && shared >= 2
}

// editDistance is the Damerau-Levenshtein distance (with adjacent
// transpositions) between a and b, giving up past limit. Words are short:
// it works on three rows kept on the stack.
func editDistance(a, b string, limit int) int {
	if d := len(a) - len(b); d > limit || -d > limit {
		return limit + 1
	}
	ra, rb := []rune(a), []rune(b)
	const maxLen = 48
	if len(rb) >= maxLen || len(ra) >= maxLen {
		if a == b {
			return 0
		}
		return limit + 1
	}
	var rows [3][maxLen + 1]int
	prev2, prev, cur := &rows[0], &rows[1], &rows[2]
	for j := 0; j <= len(rb); j++ {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		rowMin := i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			rowMin = min(rowMin, v)
		}
		if rowMin > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return min(prev[len(rb)], limit+1)
}
