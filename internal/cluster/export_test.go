package cluster

// SetAfterSync makes f run after each sync of n's WARC writer.
func SetAfterSync(n *Node, f func()) { n.afterSync = f }

// SetLinkCheckAfterSync makes f run after each sync of c's WARC writer.
func SetLinkCheckAfterSync(c *LinkCheck, f func()) { c.afterSync = f }
