//go:build race

package main

// raceBuild is set when the tests run with the race detector, which makes
// the kill test's child processes several times slower.
const raceBuild = true
