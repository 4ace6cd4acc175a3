// db:seed, last step: the :Dataset singleton that datasetInfo() reads, with the seed counts checked against.
// @params: version, builtAt, nodeCount, edgeCount
MERGE (d:Dataset {id: 'dataset'})
SET d.version = $version, d.builtAt = $builtAt, d.nodeCount = $nodeCount, d.edgeCount = $edgeCount
RETURN d.version AS version
