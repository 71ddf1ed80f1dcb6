package jobs

import (
	"encoding/json"
	"slices"
)

// Outcome is how an alert's delivery went, as recorded with it
// (archive.AlertRow.Delivered, written by the deliverer): each sink's
// answer by its name ("ok" or the error), with "all": "ok" once every
// sink took the alert, else "error": the last attempt's failures. An
// outcome recorded before sinks were named has "all" or "error" alone.
type Outcome map[string]string

// ParseOutcome reads a recorded outcome ("" is none).
func ParseOutcome(delivered string) (Outcome, error) {
	o := Outcome{}
	if delivered == "" {
		return o, nil
	}
	if err := json.Unmarshal([]byte(delivered), &o); err != nil {
		return Outcome{}, err
	}
	return o, nil
}

// Done are the sinks that took the alert (a retry leaves them out).
func (o Outcome) Done() map[string]bool {
	done := map[string]bool{}
	for name, v := range o {
		if v == "ok" && name != "all" {
			done[name] = true
		}
	}
	return done
}

// Failures are the sinks that did not take the alert, each as "name:
// error", sorted; for an outcome recorded before sinks were named, its
// "error" alone.
func (o Outcome) Failures() []string {
	var out []string
	for name, v := range o {
		if v != "ok" && name != "error" {
			out = append(out, name+": "+v)
		}
	}
	if len(out) == 0 && o["error"] != "" {
		out = append(out, o["error"])
	}
	slices.Sort(out)
	return out
}
