package jobs

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"archivio/archive"
	"archivio/parsers"
)

// ArchiveRecord is a parsed record as the archive keeps it: the record as
// a JSON document, the parser version, and the links it cites. The
// document leaves out the page's texts as laid out (Record.Raw, about
// two thirds of a full record's size): the WARC record holds the page,
// and archivio parse --explain shows them from it.
func ArchiveRecord(rec *parsers.Record) (archive.ParsedRecord, error) {
	data, err := json.Marshal(storedRecord{Record: rec})
	if err != nil {
		return archive.ParsedRecord{}, fmt.Errorf("record %d: %w", rec.ID, err)
	}
	out := archive.ParsedRecord{ID: rec.ID, URL: rec.URL, Data: data, ParserVersion: parsers.Version, Summary: summaryOf(rec)}
	for _, l := range rec.Links {
		out.Links = append(out.Links, archive.CitedLink{URL: l.URL, Field: l.Field, Source: l.Source, DeclaredGone: l.DeclaredGone})
	}
	return out, nil
}

// summaryOf is rec's browse summary, made from its fields rather than
// from its document again.
func summaryOf(rec *parsers.Record) *archive.SummaryRow {
	return archive.Summarize(archive.SummaryFields{Title: rec.Title, Status: rec.Status, Nature: rec.Nature,
		StartYear: rec.StartYear, StartDate: rec.StartDate, CertificationYear: rec.CertificationYear,
		FundingYear: rec.FundingYear, EndYear: rec.EndYear, Territory: rec.Territory, Certified: rec.Certified,
		Financed: rec.Financed, DecisionMakers: rec.DecisionMakers, ExternalParties: rec.ExternalParties,
		ResponsibleUnit: rec.ResponsibleUnit, Address: rec.Address, Region: rec.Region})
}

// storedRecord is a record as stored: its Raw left out (the field of the
// same name is shallower, so it hides Record's and, nil, is omitted).
type storedRecord struct {
	*parsers.Record
	Raw *struct{} `json:"raw,omitempty"`
}

// recordWriter is what storing parsed records needs of the archive.
type recordWriter interface {
	ApplyRecord(ctx context.Context, rec archive.ParsedRecord, captureID int64, seenAt time.Time) (archive.Applied, error)
}

// applyRecord stores a parsed record read from a capture (see
// archive.Store.ApplyRecord).
func applyRecord(ctx context.Context, st recordWriter, rec *parsers.Record, captureID int64, at time.Time) (archive.Applied, error) {
	r, err := ArchiveRecord(rec)
	if err != nil {
		return archive.Applied{}, err
	}
	return st.ApplyRecord(ctx, r, captureID, at)
}
