//go:build race

package linkcheck

// raceDetector says the tests run with the race detector, whose memory
// use makes peak-memory limits meaningless: they are then only logged.
const raceDetector = true
