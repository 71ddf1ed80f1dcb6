package export

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Metadata files written beside the data.
const (
	DataPackageFile = "datapackage.json"
	CodebookFile    = "CODEBOOK.md"
	ManifestFile    = "manifest.json"
)

var mediaTypes = map[string]string{
	"csv":     "text/csv",
	"jsonl":   "application/jsonl",
	"parquet": "application/vnd.apache.parquet",
	"sqlite":  "application/vnd.sqlite3",
}

// dataPackage is the Frictionless Data Package descriptor of the export.
func dataPackage(o Options, tables []*table, snk sink, asOf time.Time) map[string]any {
	var resources []any
	for _, t := range tables {
		var fs []any
		for _, c := range t.Columns {
			fs = append(fs, fieldDescriptor(o, c))
		}
		schema := map[string]any{"fields": fs, "primaryKey": t.PrimaryKey, "missingValues": []string{""}}
		var fks []any
		for _, fk := range t.ForeignKeys {
			fks = append(fks, map[string]any{
				"fields":    []string{fk.Column},
				"reference": map[string]any{"resource": fk.Table, "fields": []string{fk.To}},
			})
		}
		if len(fks) > 0 {
			schema["foreignKeys"] = fks
		}
		r := map[string]any{
			"name": t.Name, "path": snk.Path(t), "profile": "tabular-data-resource",
			"format": o.Format, "mediatype": mediaTypes[o.Format], "encoding": "utf-8",
			"description": t.Description, "schema": schema,
		}
		switch o.Format {
		case "csv":
			d := map[string]any{"delimiter": ",", "lineTerminator": "\r\n", "header": true}
			if o.Excel {
				// The file starts with a byte order mark, which UTF-8
				// readers take as such: the encoding's name is utf-8.
				d["delimiter"] = ";"
			}
			r["dialect"] = d
		case "sqlite":
			r["dialect"] = map[string]any{"table": t.Name}
			delete(r, "encoding")
		case "parquet":
			delete(r, "encoding")
		}
		resources = append(resources, r)
	}
	return map[string]any{
		"profile":     "tabular-data-package",
		"name":        "archivio-osservatorio-partecipazione",
		"title":       "Osservatorio Partecipazione (Regione Emilia-Romagna): participatory processes",
		"description": fmt.Sprintf("Records of the Osservatorio Partecipazione as archived by archivio, as known at %s.", asOf.Format(time.RFC3339)),

		"resources": resources,
	}
}

// fieldDescriptor is a column as a Table Schema field of the export's
// format.
func fieldDescriptor(o Options, c column) map[string]any {
	f := map[string]any{"name": c.Name, "type": c.Type, "description": c.Description}
	if c.LabelIT != "" {
		f["it_label"] = c.LabelIT
	}
	if c.List {
		if nested(o.Format) {
			f["type"] = "array"
			f["arrayItem"] = map[string]any{"type": c.Type}
		} else {
			f["type"] = tString
			f["description"] = c.Description + " Several values are separated by \";\"."
		}
		return f
	}
	switch {
	case c.Type == tDatetime && o.Excel:
		f["format"] = excelTimeFormat
	case c.Type == tDatetime:
		f["format"] = "any"
	case c.Type == tNumber && o.Excel:
		f["decimalChar"] = ","
	case c.Type == tBoolean && o.Excel:
		f["trueValues"] = []string{excelBool[true]}
		f["falseValues"] = []string{excelBool[false]}
	}
	cons := map[string]any{}
	if c.Required {
		cons["required"] = true
	}
	if len(c.Enum) > 0 {
		cons["enum"] = c.Enum
	}
	if len(cons) > 0 {
		f["constraints"] = cons
	}
	return f
}

// codebook is CODEBOOK.md: a section per table, a row per column.
func codebook(o Options, tables []*table, snk sink, asOf time.Time) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# Codebook\n\nRecords of the Osservatorio Partecipazione (Regione Emilia-Romagna) archived by archivio %s, as known at %s. Format: %s",
		o.Version, asOf.Format(time.RFC3339), o.Format)
	if o.Excel {
		b.WriteString(" (Excel variant: UTF-8 with BOM, \";\" separator, decimal comma, booleans VERO and FALSO, times yyyy-mm-dd hh:mm:ss in UTC)")
	}
	b.WriteString(".\n\nMissing values are empty cells (CSV) or null. Dates are ISO 8601 (yyyy-mm-dd); times are RFC 3339 in UTC")
	if o.Excel {
		b.WriteString(" (here yyyy-mm-dd hh:mm:ss, UTC, to the second)")
	}
	b.WriteString(".")
	if nested(o.Format) {
		b.WriteString(" Multi-valued fields are lists (Parquet LIST columns, JSON arrays), a missing list null.")
	} else {
		b.WriteString(" Multi-valued fields of processes are in their long tables; a link's record ids and fields are separated by \";\".")
	}
	b.WriteString("\n")
	for _, t := range tables {
		fmt.Fprintf(&b, "\n## %s\n\nFile: `%s`", t.Name, snk.Path(t))
		if o.Format == "sqlite" {
			fmt.Fprintf(&b, ", table `%s`", t.Name)
		}
		fmt.Fprintf(&b, ". Primary key: %s.", strings.Join(t.PrimaryKey, ", "))
		for _, fk := range t.ForeignKeys {
			fmt.Fprintf(&b, " `%s` refers to `%s.%s`.", fk.Column, fk.Table, fk.To)
		}
		fmt.Fprintf(&b, "\n\n%s\n\n", t.Description)
		b.WriteString("| Column | Type | Italian label | Description |\n|---|---|---|---|\n")
		for _, c := range t.Columns {
			d := c.Description
			if c.Required {
				d += " Required."
			}
			if len(c.Enum) > 0 {
				d += " One of: " + strings.Join(c.Enum, "; ") + "."
			}
			typ := c.Type
			switch {
			case c.List && nested(o.Format):
				typ = "list of " + c.Type
			case c.List:
				typ, d = tString, d+" Several values are separated by \";\"."
			}
			fmt.Fprintf(&b, "| `%s` | %s | %s | %s |\n", c.Name, typ, mdCell(c.LabelIT), mdCell(d))
		}
	}
	return b.String()
}

func mdCell(s string) string { return strings.ReplaceAll(s, "|", "\\|") }

// writeMeta writes datapackage.json, CODEBOOK.md and manifest.json.
func writeMeta(o Options, tables []*table, snk sink, res *Result, started time.Time) error {
	dp, err := json.MarshalIndent(dataPackage(o, tables, snk, res.AsOf), "", "  ")
	if err != nil {
		return err
	}
	for _, f := range []struct {
		name string
		data []byte
	}{{DataPackageFile, append(dp, '\n')}, {CodebookFile, []byte(codebook(o, tables, snk, res.AsOf))}} {
		if err := os.WriteFile(filepath.Join(o.OutDir, f.name), f.data, 0o644); err != nil {
			return err
		}
		fi, err := hashFile(o.OutDir, f.name)
		if err != nil {
			return err
		}
		res.Files = append(res.Files, fi)
	}
	m := map[string]any{
		"archivio_version": o.Version,
		"exported_at":      started.Format(time.RFC3339Nano),
		"as_of":            res.AsOf.Format(time.RFC3339Nano),
		"format":           o.Format,
		"excel":            o.Excel,
		"files":            res.Files,
		"tables":           res.Tables,
		"captures":         map[string]any{"from": timeOrNil(res.CapturedFrom), "to": timeOrNil(res.CapturedTo)},
		"left_out":         leftOut(res.LeftOut),
	}
	mb, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(o.OutDir, ManifestFile), append(mb, '\n'), 0o644)
}

// leftOut is the manifest's list of the record versions left out: [] when
// the export is whole.
func leftOut(l []LeftOut) []LeftOut {
	if l == nil {
		return []LeftOut{}
	}
	return l
}
