package alerts

import "time"

// maxWait caps every wait between webhook attempts, whether it comes from
// the backoff or from a Retry-After header. The waits themselves are
// crawlers/wait's Schedule, the one retry policy of archivio.
const maxWait = 5 * time.Minute
