#!/usr/bin/env bash
# Provisions everything Data Factory needs in one Google Cloud project, idempotently: run it again
# at any time and it creates what is missing and brings the rest back to the settings below.
#
#   packaging/deploy/provision.sh --project my-project [--region europe-west1] [--dry-run] ...
#
# --dry-run prints every gcloud command instead of running it, as they would run on an empty
# project (commands that only look whether something exists are printed as "# check: ...").
# Walk-through: docs/cloud-deploy.md. Resource names match the substitutions in cloudbuild.yaml.
set -euo pipefail

usage() {
  cat <<'USAGE'
usage: provision.sh --project PROJECT_ID [options]

  --project ID               the Google Cloud project (required)
  --region REGION            Cloud Run, Artifact Registry, functions, bucket location (default europe-west1)
  --project-number N         skip looking it up (needed with --dry-run to show real service-agent names)
  --repository NAME          Artifact Registry Docker repository (default datafactory)
  --bucket NAME              results bucket (default PROJECT_ID-factory-results)
  --topic NAME               jobs topic (default datafactory-jobs)
  --worker-service NAME      Cloud Run worker service (default factory-worker)
  --worker-url URL           the worker's URL (default: the deterministic https://SERVICE-PROJECT_NUMBER.REGION.run.app)
  --max-delivery-attempts N  deliveries before a job goes to the dead-letter topic (5-100, default 5)
  --canary-retention-days N  days canary screenshots are kept (default 30)
  --github-repository RES    Cloud Build 2nd-gen repository resource for the trigger,
                             projects/P/locations/R/connections/C/repositories/NAME (no trigger without it)
  --branch NAME              branch that deploys (default main)
  --dry-run                  print the commands, change nothing
  -h, --help                 this text
USAGE
}

project=""
region="europe-west1"
project_number=""
repository="datafactory"
bucket=""
topic="datafactory-jobs"
worker_service="factory-worker"
worker_url=""
max_delivery_attempts=5
canary_retention_days=30
github_repository=""
branch="main"
dry_run=false

need_value() {
  if [[ $# -lt 2 || -z "$2" || "$2" == --* ]]; then
    echo "option $1 needs a value (see --help)" >&2
    exit 64
  fi
}

while [[ $# -gt 0 ]]; do
  case "$1" in
    --project) need_value "$@"; project=$2; shift 2 ;;
    --region) need_value "$@"; region=$2; shift 2 ;;
    --project-number) need_value "$@"; project_number=$2; shift 2 ;;
    --repository) need_value "$@"; repository=$2; shift 2 ;;
    --bucket) need_value "$@"; bucket=$2; shift 2 ;;
    --topic) need_value "$@"; topic=$2; shift 2 ;;
    --worker-service) need_value "$@"; worker_service=$2; shift 2 ;;
    --worker-url) need_value "$@"; worker_url=$2; shift 2 ;;
    --max-delivery-attempts) need_value "$@"; max_delivery_attempts=$2; shift 2 ;;
    --canary-retention-days) need_value "$@"; canary_retention_days=$2; shift 2 ;;
    --github-repository) need_value "$@"; github_repository=$2; shift 2 ;;
    --branch) need_value "$@"; branch=$2; shift 2 ;;
    --dry-run) dry_run=true; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown option '$1' (see --help)" >&2; exit 64 ;;
  esac
done

if [[ -z "$project" ]]; then
  echo "--project is required: the ID of the Google Cloud project to provision (see --help)" >&2
  exit 64
fi
if ! [[ "$max_delivery_attempts" =~ ^[0-9]+$ ]] || (( max_delivery_attempts < 5 || max_delivery_attempts > 100 )); then
  echo "--max-delivery-attempts is '$max_delivery_attempts': Pub/Sub accepts 5 to 100" >&2
  exit 64
fi
if ! [[ "$canary_retention_days" =~ ^[0-9]+$ ]] || (( canary_retention_days < 1 )); then
  echo "--canary-retention-days is '$canary_retention_days': use a whole number of days, at least 1" >&2
  exit 64
fi

# ---- names (the defaults are cloudbuild.yaml's substitutions and backend-gcp's GcpSettings) ----
bucket=${bucket:-$project-factory-results}
dead_letter_topic="$topic-dead"
push_subscription="$topic-push"
dead_letter_subscription="$topic-dead-keep"
trigger_name="factory-deploy-$branch"
sa_domain="$project.iam.gserviceaccount.com"
worker_sa="factory-worker@$sa_domain"
orchestrator_sa="factory-orchestrator@$sa_domain"
push_invoker_sa="factory-push-invoker@$sa_domain"
scheduler_invoker_sa="factory-scheduler-invoker@$sa_domain"
deployer_sa="factory-deployer@$sa_domain"

# ---- how commands run ---------------------------------------------------------------------------
run() {
  if $dry_run; then
    printf '%q ' "$@" | sed 's/ $//'
    echo
  else
    "$@"
  fi
}

# exists CMD...: true when the describe command succeeds. A dry run shows the check and assumes an
# empty project.
exists() {
  if $dry_run; then
    printf '# check: '
    printf '%q ' "$@" | sed 's/ $//'
    echo
    return 1
  fi
  "$@" >/dev/null 2>&1
}

step() {
  echo
  echo "# == $* =="
}

if [[ -z "$project_number" ]]; then
  if $dry_run; then
    echo "# check: gcloud projects describe $project --format='value(projectNumber)'"
    project_number="PROJECT_NUMBER"
  else
    project_number=$(gcloud projects describe "$project" --format='value(projectNumber)')
  fi
fi
worker_url=${worker_url:-https://$worker_service-$project_number.$region.run.app}
pubsub_agent="service-$project_number@gcp-sa-pubsub.iam.gserviceaccount.com"

echo "# Data Factory provisioning: project $project ($project_number), region $region$($dry_run && echo ', DRY RUN')"

# ---- APIs -------------------------------------------------------------------------------------------
step "APIs"
run gcloud services enable \
  run.googleapis.com cloudfunctions.googleapis.com cloudbuild.googleapis.com \
  artifactregistry.googleapis.com pubsub.googleapis.com cloudscheduler.googleapis.com \
  storage.googleapis.com logging.googleapis.com iam.googleapis.com iamcredentials.googleapis.com \
  --project="$project"

# ---- Artifact Registry --------------------------------------------------------------------------
step "Artifact Registry repository $repository"
if exists gcloud artifacts repositories describe "$repository" --location="$region" --project="$project"; then
  run gcloud artifacts repositories update "$repository" --location="$region" --project="$project" \
    --description="Data Factory worker images (deployed by digest)"
else
  run gcloud artifacts repositories create "$repository" --location="$region" --project="$project" \
    --repository-format=docker --description="Data Factory worker images (deployed by digest)"
fi

# ---- service accounts ---------------------------------------------------------------------------
step "service accounts"
ensure_service_account() {
  local email=$1 display=$2
  if exists gcloud iam service-accounts describe "$email" --project="$project"; then
    run gcloud iam service-accounts update "$email" --project="$project" --display-name="$display"
  else
    run gcloud iam service-accounts create "${email%%@*}" --project="$project" --display-name="$display"
  fi
}
ensure_service_account "$worker_sa" "Data Factory worker (Cloud Run)"
ensure_service_account "$orchestrator_sa" "Data Factory orchestrator (function)"
ensure_service_account "$push_invoker_sa" "Data Factory Pub/Sub push identity"
ensure_service_account "$scheduler_invoker_sa" "Data Factory Cloud Scheduler identity"
ensure_service_account "$deployer_sa" "Data Factory Cloud Build deployer"

# Least privilege: every role is bound on the one resource that needs it where IAM allows that;
# project-level bindings are only for writing logs and for deploying.
project_role() {
  run gcloud projects add-iam-policy-binding "$project" --member="serviceAccount:$1" --role="$2" \
    --condition=None --quiet
}
step "roles: worker, orchestrator, deployer"
project_role "$worker_sa" roles/logging.logWriter
project_role "$orchestrator_sa" roles/logging.logWriter
project_role "$deployer_sa" roles/logging.logWriter
# Deploying Cloud Run services and functions and setting who may invoke them.
project_role "$deployer_sa" roles/run.admin
project_role "$deployer_sa" roles/cloudfunctions.admin
# The deployer may run the worker and the orchestrator as their own identities, nothing more.
for runtime_sa in "$worker_sa" "$orchestrator_sa"; do
  run gcloud iam service-accounts add-iam-policy-binding "$runtime_sa" --project="$project" \
    --member="serviceAccount:$deployer_sa" --role=roles/iam.serviceAccountUser
done
run gcloud artifacts repositories add-iam-policy-binding "$repository" --location="$region" --project="$project" \
  --member="serviceAccount:$deployer_sa" --role=roles/artifactregistry.writer
# Pub/Sub mints the push OIDC tokens as the push identity.
run gcloud iam service-accounts add-iam-policy-binding "$push_invoker_sa" --project="$project" \
  --member="serviceAccount:$pubsub_agent" --role=roles/iam.serviceAccountTokenCreator

# ---- results bucket -----------------------------------------------------------------------------
step "results bucket gs://$bucket"
if exists gcloud storage buckets describe "gs://$bucket" --project="$project"; then
  :
else
  run gcloud storage buckets create "gs://$bucket" --project="$project" --location="$region" \
    --uniform-bucket-level-access --public-access-prevention
fi
# Canary screenshots are evidence for comparing recent runs, not an archive: they expire.
# Results and run records are kept.
lifecycle=$(cat <<JSON
{"rule": [{"action": {"type": "Delete"}, "condition": {"age": $canary_retention_days, "matchesPrefix": ["canary/"]}}]}
JSON
)
if $dry_run; then
  echo "# lifecycle.json: $lifecycle"
  run gcloud storage buckets update "gs://$bucket" --project="$project" --lifecycle-file=lifecycle.json
else
  lifecycle_file=$(mktemp)
  trap 'rm -f "$lifecycle_file"' EXIT
  printf '%s\n' "$lifecycle" > "$lifecycle_file"
  run gcloud storage buckets update "gs://$bucket" --project="$project" --lifecycle-file="$lifecycle_file"
fi
# The worker writes results, screenshots and run records and reads them back for create-if-absent;
# without delete rights it cannot overwrite evidence.
for role in roles/storage.objectCreator roles/storage.objectViewer; do
  run gcloud storage buckets add-iam-policy-binding "gs://$bucket" --project="$project" \
    --member="serviceAccount:$worker_sa" --role="$role"
done

# ---- Pub/Sub ------------------------------------------------------------------------------------
step "Pub/Sub: jobs topic, dead-letter topic, push subscription"
for t in "$topic" "$dead_letter_topic"; do
  if ! exists gcloud pubsub topics describe "$t" --project="$project"; then
    run gcloud pubsub topics create "$t" --project="$project"
  fi
done
run gcloud pubsub topics add-iam-policy-binding "$topic" --project="$project" \
  --member="serviceAccount:$orchestrator_sa" --role=roles/pubsub.publisher

# Push to the worker with an OIDC token for the push identity, audience = the worker URL (the
# worker checks both). Ack deadline 600 s (Pub/Sub's maximum) covers a whole job; failed
# deliveries back off from 10 s to 10 min; after max delivery attempts the job goes to the
# dead-letter topic instead of looping forever.
push_flags=(
  --project="$project"
  --push-endpoint="$worker_url/pubsub/push"
  --push-auth-service-account="$push_invoker_sa"
  --push-auth-token-audience="$worker_url"
  --ack-deadline=600
  --min-retry-delay=10s
  --max-retry-delay=600s
  --dead-letter-topic="projects/$project/topics/$dead_letter_topic"
  --max-delivery-attempts="$max_delivery_attempts"
  --message-retention-duration=7d
)
if exists gcloud pubsub subscriptions describe "$push_subscription" --project="$project"; then
  run gcloud pubsub subscriptions update "$push_subscription" "${push_flags[@]}"
else
  run gcloud pubsub subscriptions create "$push_subscription" --topic="$topic" "${push_flags[@]}" \
    --expiration-period=never
fi

# Nothing dead-lettered is lost: a pull subscription holds it for inspection and replay.
if exists gcloud pubsub subscriptions describe "$dead_letter_subscription" --project="$project"; then
  run gcloud pubsub subscriptions update "$dead_letter_subscription" --project="$project" \
    --message-retention-duration=7d
else
  run gcloud pubsub subscriptions create "$dead_letter_subscription" --project="$project" \
    --topic="$dead_letter_topic" --message-retention-duration=7d --expiration-period=never \
    --ack-deadline=60
fi

# Dead-lettering acts as the Pub/Sub service agent: it must publish to the dead-letter topic and
# acknowledge on the source subscription.
run gcloud pubsub topics add-iam-policy-binding "$dead_letter_topic" --project="$project" \
  --member="serviceAccount:$pubsub_agent" --role=roles/pubsub.publisher
run gcloud pubsub subscriptions add-iam-policy-binding "$push_subscription" --project="$project" \
  --member="serviceAccount:$pubsub_agent" --role=roles/pubsub.subscriber

# ---- who may call what (once the first deploy created the services) -----------------------------
step "invokers"
if exists gcloud run services describe "$worker_service" --region="$region" --project="$project"; then
  run gcloud run services add-iam-policy-binding "$worker_service" --region="$region" --project="$project" \
    --member="serviceAccount:$push_invoker_sa" --role=roles/run.invoker
else
  echo "# the worker is not deployed yet: cloudbuild.yaml grants $push_invoker_sa roles/run.invoker on it"
fi
echo "# cloudbuild.yaml grants $scheduler_invoker_sa the invoker role on the orchestrator function"

# ---- Cloud Build trigger -------------------------------------------------------------------------
step "Cloud Build trigger $trigger_name"
if [[ -z "$github_repository" ]]; then
  echo "# no --github-repository given: connect the repository to Cloud Build (docs/cloud-deploy.md," \
       "step 3), then run this script again with --github-repository"
else
  trigger_flags=(
    --project="$project"
    --region="$region"
    --repository="$github_repository"
    --branch-pattern="^$branch\$"
    --build-config=cloudbuild.yaml
    --service-account="projects/$project/serviceAccounts/$deployer_sa"
  )
  substitutions="_REGION=$region,_REPOSITORY=$repository,_WORKER_SERVICE=$worker_service,_JOBS_TOPIC=$topic,_RESULTS_BUCKET=$bucket"
  if exists gcloud builds triggers describe "$trigger_name" --region="$region" --project="$project"; then
    run gcloud builds triggers update github "$trigger_name" "${trigger_flags[@]}" \
      --update-substitutions="$substitutions"
  else
    run gcloud builds triggers create github --name="$trigger_name" "${trigger_flags[@]}" \
      --substitutions="$substitutions" --description="Data Factory: test, build, deploy by digest, canary"
  fi
fi

echo
echo "# done. worker URL: $worker_url  push subscription: $push_subscription  bucket: gs://$bucket"
