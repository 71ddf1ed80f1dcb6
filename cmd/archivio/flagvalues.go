package main

import (
	"flag"
	"fmt"
	"math"
	"strconv"
	"time"

	"archivio/internal/config"
)

// Numeric flags that refuse values out of their range when parsed, so
// "--parallel -1" is a usage error naming the flag, not a silent default.

// intFlag is an int flag with bounds, or with the rule of a setting
// when key is set.
type intFlag struct {
	v        *int
	min, max int
	key      string
}

func (f intFlag) Get() any { return *f.v }

func (f intFlag) String() string {
	if f.v == nil {
		return "0"
	}
	return strconv.Itoa(*f.v)
}

func (f intFlag) Set(s string) error {
	n, err := strconv.Atoi(s)
	if err != nil {
		return fmt.Errorf("want a whole number")
	}
	if f.key != "" {
		if err := config.CheckValue(f.key, n); err != nil {
			return err
		}
	} else if n < f.min || n > f.max {
		return rangeError(int64(f.min), int64(f.max), int64(math.MaxInt))
	}
	*f.v = n
	return nil
}

// int64Flag is an int64 flag with a lower bound.
type int64Flag struct {
	v   *int64
	min int64
}

func (f int64Flag) String() string {
	if f.v == nil {
		return "0"
	}
	return strconv.FormatInt(*f.v, 10)
}

func (f int64Flag) Set(s string) error {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return fmt.Errorf("want a whole number")
	}
	if n < f.min {
		return rangeError(f.min, math.MaxInt64, math.MaxInt64)
	}
	*f.v = n
	return nil
}

// durationFlag is a duration flag with a lower bound, or with the rule of
// a setting when key is set.
type durationFlag struct {
	v   *time.Duration
	min time.Duration
	key string
}

func (f durationFlag) Get() any { return *f.v }

func (f durationFlag) String() string {
	if f.v == nil {
		return "0s"
	}
	return f.v.String()
}

func (f durationFlag) Set(s string) error {
	d, err := time.ParseDuration(s)
	if err != nil {
		return fmt.Errorf("want a duration such as 500ms, 2s or 1m")
	}
	if f.key != "" {
		if err := config.CheckValue(f.key, d); err != nil {
			return err
		}
		*f.v = d
		return nil
	}
	switch {
	case d < f.min && f.min == 0:
		return fmt.Errorf("must not be negative")
	case d < f.min:
		return fmt.Errorf("must be at least %v", f.min)
	}
	*f.v = d
	return nil
}

func rangeError(lo, hi, none int64) error {
	switch {
	case hi == none && lo == 0:
		return fmt.Errorf("must not be negative")
	case hi == none:
		return fmt.Errorf("must be %d or more", lo)
	}
	return fmt.Errorf("must be between %d and %d", lo, hi)
}

// intVar defines an int flag accepting values in [lo, hi].
func intVar(fs *flag.FlagSet, name string, def, lo, hi int, usage string) *int {
	v := def
	fs.Var(intFlag{v: &v, min: lo, max: hi}, name, usage)
	return &v
}

// int64Var defines an int64 flag accepting values of at least lo.
func int64Var(fs *flag.FlagSet, name string, def, lo int64, usage string) *int64 {
	v := def
	fs.Var(int64Flag{&v, lo}, name, usage)
	return &v
}

// durationVar defines a duration flag accepting values of at least lo.
func durationVar(fs *flag.FlagSet, name string, def, lo time.Duration, usage string) *time.Duration {
	v := def
	fs.Var(durationFlag{v: &v, min: lo}, name, usage)
	return &v
}
