package archive

import (
	"context"
	"database/sql"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// sqlSummary makes the summary of doc in SQL, as a record written without
// one gets it.
func sqlSummary(t testing.TB, db *sql.DB, doc []byte) SummaryRow {
	t.Helper()
	var s SummaryRow
	var year sql.NullInt64
	if err := db.QueryRow(`SELECT `+summaryExprs(`?1`), string(doc)).Scan(&s.Title, &s.Status, &s.Nature, &year,
		&s.Territory, &s.Certified, &s.Financed, &s.Search); err != nil {
		t.Fatalf("summary of %s: %v", doc, err)
	}
	if year.Valid {
		s.Year = &year.Int64
	}
	return s
}

func sameSummary(a, b SummaryRow) bool {
	if (a.Year == nil) != (b.Year == nil) || a.Year != nil && *a.Year != *b.Year {
		return false
	}
	a.Year, b.Year = nil, nil
	return a == b
}

func summaryDB(t testing.TB) *sql.DB {
	st, err := Open(context.Background(), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st.db
}

// TestSummarizeMatchesSQL: the summary made from a record's fields is the
// one SQL makes from its document, on every parser fixture and on the
// values where the two could part (dates that are not dates, letters
// beyond ASCII, bytes that are not UTF-8, empty and missing lists).
func TestSummarizeMatchesSQL(t *testing.T) {
	db := summaryDB(t)
	check := func(name string, doc []byte) {
		t.Helper()
		var f SummaryFields
		if err := json.Unmarshal(doc, &f); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		want, got := sqlSummary(t, db, doc), *Summarize(f)
		if !sameSummary(got, want) {
			t.Errorf("%s: Summarize = %+v (year %v), SQL = %+v (year %v)", name, got, deref64(got.Year), want, deref64(want.Year))
		}
	}
	golden, err := filepath.Glob(filepath.Join("..", "parsers", "testdata", "layouts", "*", "*.golden.json"))
	if err != nil || len(golden) < 10 {
		t.Fatalf("parser fixtures: %v (%d)", err, len(golden))
	}
	for _, p := range golden {
		doc, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		check(p, doc)
	}
	s := func(v string) *string { return &v }
	i := func(v int) *int { return &v }
	cases := map[string]SummaryFields{
		"empty":              {},
		"start year first":   {StartYear: i(2011), StartDate: s("2009-01-01"), EndYear: i(2012)},
		"start date":         {StartDate: s("2009-05-01"), CertificationYear: i(2010)},
		"date not a date":    {StartDate: s("03/2011"), EndYear: i(2012)},
		"date spaced, sign":  {StartDate: s(" -12x"), EndYear: i(2012)},
		"date empty":         {StartDate: s(""), FundingYear: i(2013)},
		"date letters":       {StartDate: s("circa 2011")},
		"date beyond ascii":  {StartDate: s("२०११-01-01")},
		"certification":      {CertificationYear: i(2015), FundingYear: i(2016)},
		"funding":            {FundingYear: i(2016), EndYear: i(2017)},
		"flags":              {Certified: true, Financed: true},
		"lists":              {Territory: []string{"Fiorano Modenese", "Sassuolo"}, DecisionMakers: []string{"Comune di FIORANO"}, ExternalParties: []string{"A", "", "Università di BOLOGNA"}},
		"empty lists":        {Territory: []string{}, DecisionMakers: []string{}, ExternalParties: []string{}},
		"one empty item":     {Territory: []string{""}},
		"not utf-8":          {Title: s("Citt\xe0 \xff\xfeA"), Region: s("R\xc3"), Territory: []string{"\xe0"}, StartDate: s("2\xff11")},
		"html and escapes":   {Title: s(`<b>"Fabbrica" & idee</b>` + "\u2028\t\n"), Address: s("VIA ROMA 1\\2")},
		"upper beyond ascii": {Title: s("ÈRA"), ResponsibleUnit: s("ÀREA ÉLITE Ünit"), Region: s("Regione EMILIA-ROMAGNA")},
	}
	for name, f := range cases {
		doc, err := json.Marshal(f)
		if err != nil {
			t.Fatal(err)
		}
		check(name, doc)
	}
}

func deref64(p *int64) any {
	if p == nil {
		return nil
	}
	return *p
}

// FuzzSummarize compares the summary made from fields with SQL's, on any
// texts and years.
func FuzzSummarize(f *testing.F) {
	f.Add("La fabbrica delle idee", "2011-03-01", "Fiorano Modenese", "Comune di Fiorano", "Regione Emilia-Romagna", 2011, true)
	f.Add("", "", "", "", "", 0, false)
	f.Add("\xff", " +7", "\x00", "ÀÈ", "\u2028", -1, true)
	db := summaryDB(f)
	f.Fuzz(func(t *testing.T, title, date, place, maker, region string, year int, withYear bool) {
		fields := SummaryFields{Title: &title, StartDate: &date, Territory: []string{place, maker}, DecisionMakers: []string{maker},
			ExternalParties: []string{place}, Region: &region, Certified: withYear}
		if withYear {
			fields.EndYear = &year
		}
		doc, err := json.Marshal(fields)
		if err != nil {
			t.Skip()
		}
		want, got := sqlSummary(t, db, doc), *Summarize(fields)
		if !sameSummary(got, want) {
			t.Errorf("Summarize = %+v (year %v), SQL = %+v (year %v) for %s", got, deref64(got.Year), want, deref64(want.Year), doc)
		}
	})
}
