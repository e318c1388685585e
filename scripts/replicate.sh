#!/bin/sh
# Read replicas with Xapian's own replication: serve the indexer's index, or follow it on another machine.
#
#   scripts/replicate.sh serve INDEX PORT [INTERFACE]
#       on the indexer machine: xapian-replicate-server for the directory holding INDEX (the
#       symlink caravan-indexer manages), so replicas ask for the master name `basename INDEX`.
#       Run caravan-indexer update/delete with XAPIAN_MAX_CHANGESETS set (this script prints the
#       value to use) so each commit leaves a changeset the replicas apply instead of a full copy.
#   scripts/replicate.sh follow HOST PORT NAME REPLICA [INTERVAL]
#       on a searchd machine: xapian-replicate keeps the directory REPLICA a copy of NAME, asking
#       every INTERVAL seconds (default 10); point caravan-searchd --index at REPLICA: it sees
#       each new replicated revision on its next request.
#   scripts/replicate.sh once HOST PORT NAME REPLICA
#       one replication round, then exit (tests, cron).
#
# A rebuild (caravan-indexer build) makes a new database, so the next round copies it whole;
# updates and deletes travel as changesets. A sharded index (build --shards N) is replicated
# database by database (NAME/shard-000 ..., NAME/aux), see README "Deployment".
set -eu

usage() {
  sed -n '3,16p' "$0" >&2
  exit 2
}

[ $# -ge 1 ] || usage
command=$1
shift
case "$command" in
  serve)
    [ $# -ge 2 ] || usage
    index=$1 port=$2 interface=${3:-127.0.0.1}
    parent=$(dirname "$index")
    echo "replicate.sh: serving $(basename "$index") from $parent on $interface:$port;" \
         "write with XAPIAN_MAX_CHANGESETS=${XAPIAN_MAX_CHANGESETS:-10}" >&2
    exec xapian-replicate-server --interface="$interface" --port="$port" "$parent"
    ;;
  follow)
    [ $# -ge 4 ] || usage
    exec xapian-replicate --host="$1" --port="$2" --master="$3" --interval="${5:-10}" --timeout=30 "$4"
    ;;
  once)
    [ $# -eq 4 ] || usage
    exec xapian-replicate --one-shot --quiet --host="$1" --port="$2" --master="$3" --timeout=30 "$4"
    ;;
  *)
    usage
    ;;
esac
