// Package config is how every archivio command gets its settings: the
// data directory, the daemon's listen address, the sources to crawl with
// their schedules and politeness, the link checks, the drift thresholds
// and the alert sinks.
//
// Resolve layers them: the defaults (Default), then the configuration
// file archivio.yaml (--config, else $ARCHIVIO_CONFIG, else
// ./archivio.yaml, when present), then the environment (keys.go), then the
// command's flags. The result, Settings, knows where each value came from
// (Origin) and is checked as a whole, with the same rule for a key
// whatever gave its value (rules.go); Show prints it. Secrets never come
// from the file or flags: the file names the environment variables that
// hold them.
package config
