package migrate

import "testing"

func digestOf(rows ...[]any) string {
	d := newDigest()
	for _, r := range rows {
		d.add(r)
	}
	return d.sum()
}

// TestDigest: a table's digest does not depend on the order of its rows
// (the two engines return them in their own orders) and tells apart every
// change of a value, its type, a NULL, and where one value ends.
func TestDigest(t *testing.T) {
	base := digestOf([]any{int64(1), "a", nil}, []any{int64(2), "b", 1.5})
	if got := digestOf([]any{int64(2), "b", 1.5}, []any{int64(1), "a", nil}); got != base {
		t.Errorf("rows in another order: %s, want %s", got, base)
	}
	if got := digestOf([]any{int64(1), []byte("a"), nil}, []any{int64(2), "b", 1.5}); got != base {
		t.Errorf("text as bytes: %s, want %s", got, base)
	}
	for name, rows := range map[string][][]any{
		"a value changed":       {{int64(1), "a", nil}, {int64(3), "b", 1.5}},
		"a number as text":      {{"1", "a", nil}, {int64(2), "b", 1.5}},
		"NULL as empty text":    {{int64(1), "a", ""}, {int64(2), "b", 1.5}},
		"a boundary moved":      {{int64(1), "ab", nil}, {int64(2), "", 1.5}},
		"a row missing":         {{int64(1), "a", nil}},
		"a row twice":           {{int64(1), "a", nil}, {int64(2), "b", 1.5}, {int64(2), "b", 1.5}},
		"a float changed":       {{int64(1), "a", nil}, {int64(2), "b", 1.25}},
		"a float as an integer": {{int64(1), "a", nil}, {int64(2), "b", int64(1)}},
	} {
		if got := digestOf(rows...); got == base {
			t.Errorf("%s: the same digest", name)
		}
	}
}
