package cluster

// SetAfterSync makes f run after each sync of n's WARC writer.
func SetAfterSync(n *Node, f func()) { n.afterSync = f }

// SetLinkCheckAfterSync makes f run after each sync of c's WARC writer.
func SetLinkCheckAfterSync(c *LinkCheck, f func()) { c.afterSync = f }

// LeaveUnjudged makes a crawl's node leave after finishing the crawl
// without judging its drift, as a node that died between the two.
func LeaveUnjudged(cfg *CrawlConfig) { cfg.leaveUnjudged = true }
