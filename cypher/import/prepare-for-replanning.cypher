// db:seed, after the data and before the count check: resamples every index, waits (up to 300 s) for
// the samples, then clears the query caches, so the next queries are planned on the loaded graph.
// Without it, right after `--wipe` and a reseed Neo4j 5.26 kept plans (and index samples) from the
// empty graph: get-edges and get-neighbours scanned the whole id index and hash-joined instead of
// seeking it (test/neo4j/query-plans.test.ts). Needs an admin user; db:seed says so when refused.
// @params: none
CALL db.prepareForReplanning(300)
