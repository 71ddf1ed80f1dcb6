package config

import (
	"fmt"
	"time"

	"go.yaml.in/yaml/v3"
)

// D returns d as a time.Duration.
func (d Duration) D() time.Duration { return time.Duration(d) }

// String formats d as time.Duration does ("1s", "6h0m0s").
func (d Duration) String() string { return time.Duration(d).String() }

// UnmarshalYAML reads a duration written with a unit ("1s", "20m", "6h").
// A bare number is an error: the unit must be explicit.
func (d *Duration) UnmarshalYAML(n *yaml.Node) error {
	v, err := parseDuration(n)
	if err != nil {
		return fmt.Errorf("line %d: %v", n.Line, err)
	}
	*d = v
	return nil
}

// MarshalYAML writes d as "1s", "6h0m0s".
func (d Duration) MarshalYAML() (any, error) { return d.String(), nil }

func parseDuration(n *yaml.Node) (Duration, error) {
	if n.Kind != yaml.ScalarNode {
		return 0, fmt.Errorf("want a duration such as 1s, 20m or 6h")
	}
	if n.Tag == "!!int" || n.Tag == "!!float" {
		return 0, fmt.Errorf("bad duration %s: a number needs a unit, e.g. \"%ss\" for seconds", n.Value, n.Value)
	}
	v, err := time.ParseDuration(n.Value)
	if err != nil {
		return 0, fmt.Errorf("bad duration %q: want a number with a unit, e.g. 1s, 20m, 6h", n.Value)
	}
	return Duration(v), nil
}
