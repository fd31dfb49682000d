#!/usr/bin/env bash
# A sharded scan on AWS Batch: one array job of 64 children (each gets AWS_BATCH_JOB_ARRAY_INDEX
# and writes /parts/part-<index>.json on EFS), then the merge as a job that depends on the array
# (it starts once every child has ended). Keep --array-properties size and --shards equal.
#   bash deploy/aws-batch/submit.sh QUEUE
set -euo pipefail
queue=${1:?usage: submit.sh JOB_QUEUE}
here=$(dirname "$0")
aws batch register-job-definition --cli-input-json "file://$here/job-definition.json" > /dev/null
scan=$(aws batch submit-job --job-name piiscan-scan --job-queue "$queue" --job-definition piiscan-scan \
  --array-properties size=64 --query jobId --output text)
# Batch starts a dependent job only when every child succeeded. When a child failed (exit 2: a
# source could not be read, its part says why), run the merge yourself: it names what is missing,
# and --allow-partial merges the rest. The merge skips its own output when it reads the folder.
# Every child and the merge get PIISCAN_LINK_KEY from Secrets Manager (the definition's secrets;
# make it with `openssl rand -hex 32`): the merge then finds linkable pseudonyms across shards.
aws batch submit-job --job-name piiscan-merge --job-queue "$queue" --job-definition piiscan-scan \
  --depends-on "jobId=$scan" \
  --container-overrides '{"command":["merge","/parts","--config=/config/piiscan.yaml","--format=json","--output=/parts/report.json","--link-key-env=PIISCAN_LINK_KEY"]}' \
  --query jobId --output text
