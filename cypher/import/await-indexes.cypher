// db:seed, after the schema: waits (up to 300 s) until every index is online, so the first queries use them.
// @params: none
CALL db.awaitIndexes(300)
