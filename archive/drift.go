package archive

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// Drift rules. A crawl of a source is compared with the source's baseline:
// its last crawl judged healthy. The crawl has drifted when any rule
// breaks:
//
//   - unreadable: at least UnreadableShare of its record pages (and at
//     least MinPages of them) could not be read as records;
//   - field_lost: a field whose label was on at least FieldWasShare of the
//     baseline's records (and on at least MinPages of them) is now on at
//     most FieldNowShare of the records read;
//   - new_unknown_label: a label the parser does not know, which no page of
//     the baseline showed, is on at least MinPages pages.
//
// A crawl with fewer than MinPages record pages is not judged: it neither
// raises nor clears drift. Without a baseline (the source's first judged
// crawl) only the unreadable rule applies.
const (
	RuleUnreadable      = "unreadable"
	RuleFieldLost       = "field_lost"
	RuleNewUnknownLabel = "new_unknown_label"
)

// Parse health states of a source.
const (
	HealthHealthy = "healthy"
	HealthDrift   = "drift"
)

// DriftThresholds decide when a crawl's parse health has drifted.
type DriftThresholds struct {
	UnreadableShare float64 // default 0.05
	FieldWasShare   float64 // default 0.5
	FieldNowShare   float64 // default 0.1
	MinPages        int     // default 3
}

// DefaultDriftThresholds are the thresholds when the configuration says
// nothing.
func DefaultDriftThresholds() DriftThresholds {
	return DriftThresholds{UnreadableShare: 0.05, FieldWasShare: 0.5, FieldNowShare: 0.1, MinPages: 3}
}

// Validate reports thresholds that cannot work.
func (t DriftThresholds) Validate() error {
	share := func(name string, v float64) error {
		if math.IsNaN(v) || v <= 0 || v > 1 {
			return fmt.Errorf("%s %v: must be more than 0 and at most 1", name, v)
		}
		return nil
	}
	for _, err := range []error{
		share("unreadable share", t.UnreadableShare),
		share("field was share", t.FieldWasShare),
		share("field now share", t.FieldNowShare),
	} {
		if err != nil {
			return err
		}
	}
	switch {
	case t.FieldNowShare >= t.FieldWasShare:
		return fmt.Errorf("field now share %v: must be below field was share %v", t.FieldNowShare, t.FieldWasShare)
	case t.MinPages < 1:
		return fmt.Errorf("min pages %d: must be at least 1", t.MinPages)
	}
	return nil
}

// DriftFinding is one broken rule.
type DriftFinding struct {
	Rule  string `json:"rule"` // RuleUnreadable, RuleFieldLost or RuleNewUnknownLabel
	Field string `json:"field,omitempty"`
	Label string `json:"label,omitempty"`
	// Count of Of pages show it in the crawl judged: unreadable pages of
	// the record pages; records with the field, or pages with the label,
	// of the records read. BaseCount of BaseOf is the same in the baseline.
	Count     int       `json:"count"`
	Of        int       `json:"of"`
	BaseCount int       `json:"base_count"`
	BaseOf    int       `json:"base_of"`
	Examples  []PageRef `json:"examples,omitempty"`
}

// String says what broke, for people.
func (f DriftFinding) String() string {
	base := fmt.Sprintf("%d of %d in the baseline crawl", f.BaseCount, f.BaseOf)
	if f.BaseOf == 0 {
		base = "no baseline crawl"
	}
	switch f.Rule {
	case RuleUnreadable:
		return fmt.Sprintf("%d of %d record pages unreadable (%s)", f.Count, f.Of, base)
	case RuleFieldLost:
		return fmt.Sprintf("field %s found on %d of %d records (%s)", f.Field, f.Count, f.Of, base)
	case RuleNewUnknownLabel:
		return fmt.Sprintf("new unknown label %q on %d of %d records (%s)", f.Label, f.Count, f.Of, base)
	}
	return fmt.Sprintf("%s: %d of %d (%s)", f.Rule, f.Count, f.Of, base)
}

// JudgeDrift compares a crawl's parse health with its baseline (nil when
// the source has none) and returns the rules it breaks, unreadable first,
// then lost fields and new labels by name. judged is false when the crawl
// read too few record pages to say anything.
func JudgeDrift(cur, base *ParseHealth, t DriftThresholds) (findings []DriftFinding, judged bool) {
	if cur == nil || cur.RecordPages < t.MinPages {
		return nil, false
	}
	var baseOf, baseUnreadable int
	if base != nil {
		baseOf, baseUnreadable = base.RecordPages, base.Unreadable
	}
	if cur.Unreadable >= t.MinPages && cur.UnreadableShare() >= t.UnreadableShare {
		findings = append(findings, DriftFinding{Rule: RuleUnreadable, Count: cur.Unreadable, Of: cur.RecordPages,
			BaseCount: baseUnreadable, BaseOf: baseOf})
	}
	if base == nil || base.Parsed == 0 {
		return findings, true
	}
	if cur.Parsed >= t.MinPages {
		var lost []DriftFinding
		for field, n := range base.Fields {
			if n < t.MinPages || base.FieldShare(field) < t.FieldWasShare || cur.FieldShare(field) > t.FieldNowShare {
				continue
			}
			lost = append(lost, DriftFinding{Rule: RuleFieldLost, Field: field, Count: cur.Fields[field], Of: cur.Parsed,
				BaseCount: n, BaseOf: base.Parsed})
		}
		slices.SortFunc(lost, func(a, b DriftFinding) int { return strings.Compare(a.Field, b.Field) })
		findings = append(findings, lost...)
	}
	known := map[string]bool{}
	for _, l := range base.UnknownLabels {
		known[l.Label] = true
	}
	var labels []DriftFinding
	for _, l := range cur.UnknownLabels {
		if l.Pages >= t.MinPages && !known[l.Label] {
			labels = append(labels, DriftFinding{Rule: RuleNewUnknownLabel, Label: l.Label, Count: l.Pages, Of: cur.Parsed,
				BaseOf: base.Parsed})
		}
	}
	slices.SortFunc(labels, func(a, b DriftFinding) int { return strings.Compare(a.Label, b.Label) })
	return append(findings, labels...), true
}
