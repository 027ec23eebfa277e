// Entry for the vendored bundle: the ForceAtlas2 layout and its web-worker supervisor.
var forceAtlas2 = require('graphology-layout-forceatlas2');
var FA2Layout = require('graphology-layout-forceatlas2/worker');
module.exports = {forceAtlas2: forceAtlas2, FA2Layout: FA2Layout};
