package archive

import (
	"slices"
	"testing"
)

// health builds a crawl's parse health: pages record pages, unreadable of
// them unreadable, fields found on the given numbers of records, unknown
// labels on the given numbers of pages.
func health(pages, unreadable int, fields map[string]int, unknown map[string]int) *ParseHealth {
	h := &ParseHealth{RecordPages: pages, Fetched: pages, Parsed: pages - unreadable, Unreadable: unreadable,
		Fields: map[string]int{}, UnknownLabels: []LabelCount{}}
	for f, n := range fields {
		h.Fields[f] = n
	}
	for l, n := range unknown {
		h.UnknownLabels = append(h.UnknownLabels, LabelCount{Label: l, Pages: n})
	}
	return h
}

func TestJudgeDrift(t *testing.T) {
	th := DefaultDriftThresholds()
	full := map[string]int{"status": 100, "title": 100, "website": 60, "logo": 20}
	base := health(100, 0, full, map[string]int{"Codice CUP": 4})
	tests := []struct {
		name   string
		cur    *ParseHealth
		base   *ParseHealth
		judged bool
		want   []string // rule:field-or-label, in order
	}{
		{"same as the baseline", health(100, 0, full, map[string]int{"Codice CUP": 4}), base, true, nil},
		{"every page unreadable", health(100, 100, nil, nil), base, true, []string{"unreadable:"}},
		{"5% unreadable is drift", health(100, 5, scale(full, 95, 100), nil), base, true, []string{"unreadable:"}},
		{"4% unreadable is not", health(100, 4, scale(full, 96, 100), nil), base, true, nil},
		{"fewer unreadable pages than MinPages is not, whatever the share",
			health(40, 2, scale(full, 38, 100), nil), base, true, nil},
		{"first crawl, all unreadable: no baseline, still drift", health(18, 18, nil, nil), nil, true, []string{"unreadable:"}},
		{"first crawl, all readable", health(18, 0, map[string]int{"status": 18}, map[string]int{"Nuova": 18}), nil, true, nil},
		{"too few record pages to judge", health(2, 2, nil, nil), base, false, nil},
		{"a 304-only crawl that read nothing is not judged", health(0, 0, nil, nil), base, false, nil},
		{"a common field almost never found", health(100, 0, map[string]int{"status": 100, "title": 100, "website": 3, "logo": 20}, nil), base, true,
			[]string{"field_lost:website"}},
		{"a common field at the almost-never limit (10%)", health(100, 0, map[string]int{"status": 100, "title": 100, "website": 10, "logo": 20}, nil), base, true,
			[]string{"field_lost:website"}},
		{"a common field found a bit less is not lost", health(100, 0, map[string]int{"status": 100, "title": 100, "website": 11, "logo": 20}, nil), base, true, nil},
		{"a rare field vanishing is not drift", health(100, 0, map[string]int{"status": 100, "title": 100, "website": 60}, nil), base, true, nil},
		{"two fields lost, in name order", health(100, 0, map[string]int{"website": 60, "logo": 20}, nil), base, true,
			[]string{"field_lost:status", "field_lost:title"}},
		{"a smaller crawl keeps its shares", health(10, 0, map[string]int{"status": 10, "title": 10, "website": 6}, nil), base, true, nil},
		{"a new unknown label on several pages", health(100, 0, full, map[string]int{"Codice CUP": 4, "Ente capofila": 3}), base, true,
			[]string{"new_unknown_label:Ente capofila"}},
		{"a new unknown label on two pages is not", health(100, 0, full, map[string]int{"Ente capofila": 2}), base, true, nil},
		{"a known unknown label on more pages is not new", health(100, 0, full, map[string]int{"Codice CUP": 90}), base, true, nil},
		{"unreadable and lost together, unreadable first",
			health(100, 50, map[string]int{"status": 50, "title": 50, "website": 2, "logo": 10}, nil), base, true,
			[]string{"unreadable:", "field_lost:website"}},
		{"all pages unreadable: no field judged on zero records", health(100, 100, nil, nil), base, true, []string{"unreadable:"}},
		{"a baseline with no readable record judges unreadable only", health(10, 0, nil, map[string]int{"X": 10}),
			health(10, 10, nil, nil), true, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, judged := JudgeDrift(tt.cur, tt.base, th)
			if judged != tt.judged {
				t.Errorf("judged = %v, want %v", judged, tt.judged)
			}
			var keys []string
			for _, f := range got {
				keys = append(keys, f.Rule+":"+f.Field+f.Label)
			}
			if !slices.Equal(keys, tt.want) {
				t.Errorf("findings %v, want %v (%+v)", keys, tt.want, got)
			}
		})
	}
}

func scale(m map[string]int, num, den int) map[string]int {
	out := map[string]int{}
	for k, v := range m {
		out[k] = v * num / den
	}
	return out
}

func TestDriftFindingCounts(t *testing.T) {
	base := health(18, 0, map[string]int{"status": 18}, nil)
	cur := health(18, 0, map[string]int{"status": 1}, map[string]int{"Stato": 17})
	got, _ := JudgeDrift(cur, base, DefaultDriftThresholds())
	if len(got) != 2 {
		t.Fatalf("findings %+v", got)
	}
	lost, label := got[0], got[1]
	if lost.Count != 1 || lost.Of != 18 || lost.BaseCount != 18 || lost.BaseOf != 18 {
		t.Errorf("field_lost counts %+v", lost)
	}
	if label.Label != "Stato" || label.Count != 17 || label.Of != 18 || label.BaseCount != 0 || label.BaseOf != 18 {
		t.Errorf("new_unknown_label counts %+v", label)
	}
	for f, want := range map[string]string{
		lost.String():  "field status found on 1 of 18 records (18 of 18 in the baseline crawl)",
		label.String(): `new unknown label "Stato" on 17 of 18 records (0 of 18 in the baseline crawl)`,
		DriftFinding{Rule: RuleUnreadable, Count: 3, Of: 3}.String(): "3 of 3 record pages unreadable (no baseline crawl)",
	} {
		if f != want {
			t.Errorf("%q, want %q", f, want)
		}
	}
}

func TestDriftThresholdsValidate(t *testing.T) {
	if err := DefaultDriftThresholds().Validate(); err != nil {
		t.Fatal(err)
	}
	for i, bad := range []DriftThresholds{
		{UnreadableShare: 0, FieldWasShare: 0.5, FieldNowShare: 0.1, MinPages: 3},
		{UnreadableShare: 1.5, FieldWasShare: 0.5, FieldNowShare: 0.1, MinPages: 3},
		{UnreadableShare: 0.05, FieldWasShare: 0.1, FieldNowShare: 0.5, MinPages: 3},
		{UnreadableShare: 0.05, FieldWasShare: 0.5, FieldNowShare: 0.1, MinPages: 0},
	} {
		if err := bad.Validate(); err == nil {
			t.Errorf("case %d: %+v accepted", i, bad)
		}
	}
}
