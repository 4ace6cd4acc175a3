// db:seed --wipe: deletes every node and relationship (graph, dataset and audit log) in batches.
// Runs in an auto-commit transaction, as CALL … IN TRANSACTIONS requires, with no client timeout
// (its outer transaction lasts as long as all the batches; the server's own limit still applies).
// @params: none
MATCH (n)
CALL (n) {
  DETACH DELETE n
} IN TRANSACTIONS OF 1000 ROWS
