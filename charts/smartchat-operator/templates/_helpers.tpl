{{/*
Names and labels shared by every template.
*/}}

{{/* The chart name, or nameOverride. */}}
{{- define "smartchat-operator.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Object names: fullnameOverride, else <release> when it already contains the name, else
<release>-<name>. 52 characters at most, so that suffixes such as "-leader-election" still fit in 63.
*/}}
{{- define "smartchat-operator.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 52 | trimSuffix "-" }}
{{- else }}
{{- $name := include "smartchat-operator.name" . }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 52 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 52 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "smartchat-operator.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels that select the operator's pods (part of the Deployment's immutable selector). */}}
{{- define "smartchat-operator.selectorLabels" -}}
app.kubernetes.io/name: {{ include "smartchat-operator.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "smartchat-operator.labels" -}}
helm.sh/chart: {{ include "smartchat-operator.chart" . }}
{{ include "smartchat-operator.selectorLabels" . }}
app.kubernetes.io/version: {{ .Values.image.tag | default .Chart.AppVersion | trunc 63 | trimSuffix "-" | quote }}
app.kubernetes.io/component: operator
app.kubernetes.io/part-of: smartchat
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "smartchat-operator.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "smartchat-operator.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "smartchat-operator.image" -}}
{{- $tag := .Values.image.tag | default .Chart.AppVersion }}
{{- if hasPrefix "@" $tag }}
{{- printf "%s%s" .Values.image.repository $tag }}
{{- else if hasPrefix "sha256:" $tag }}
{{- printf "%s@%s" .Values.image.repository $tag }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository $tag }}
{{- end }}
{{- end }}

{{/*
What the operator may do with the objects of a SmartchatCluster, in the namespaces it watches
(a ClusterRole when it watches all of them, a Role in each otherwise). Least privilege: each rule
is there because the operator creates, reads or scales that kind; see charts/README.md ("RBAC").
*/}}
{{- define "smartchat-operator.rules" -}}
# The custom resource: watch it, keep its finalizer (update/patch), write its status.
- apiGroups: [smartchat.io]
  resources: [smartchatclusters]
  verbs: [get, list, watch, update, patch]
- apiGroups: [smartchat.io]
  resources: [smartchatclusters/status]
  verbs: [get, update, patch]
# Setting blockOwnerDeletion on children needs update on the owner's finalizers subresource.
- apiGroups: [smartchat.io]
  resources: [smartchatclusters/finalizers]
  verbs: [update]
# chat and balancer Deployments; ScyllaDB, RabbitMQ and Redis StatefulSets.
- apiGroups: [apps]
  resources: [deployments, statefulsets]
  verbs: [get, list, watch, create, update, patch, delete]
# The autoscaler sets replicas through the scale subresource.
- apiGroups: [apps]
  resources: [deployments/scale]
  verbs: [get, update, patch]
# Services, settings, generated credentials, the stores' ServiceAccounts and data volumes.
- apiGroups: [""]
  resources: [services, configmaps, secrets, serviceaccounts, persistentvolumeclaims]
  verbs: [get, list, watch, create, update, patch, delete]
# Only to grant it to RabbitMQ's peer-discovery Role (RBAC lets nobody grant what they lack).
- apiGroups: [""]
  resources: [endpoints]
  verbs: [get]
# Events about what it did (core and events.k8s.io, whichever the client library writes).
- apiGroups: [""]
  resources: [events]
  verbs: [create, patch]
- apiGroups: [events.k8s.io]
  resources: [events]
  verbs: [create, patch]
# PodDisruptionBudgets of the stores and the app; the migrations, Scylla authentication and
# first super-admin Jobs.
- apiGroups: [policy]
  resources: [poddisruptionbudgets]
  verbs: [get, list, watch, create, update, patch, delete]
- apiGroups: [batch]
  resources: [jobs]
  verbs: [get, list, watch, create, update, patch, delete]
# The stores' own Roles (RabbitMQ peer discovery) and their bindings.
- apiGroups: [rbac.authorization.k8s.io]
  resources: [roles, rolebindings]
  verbs: [get, list, watch, create, update, patch, delete]
# NetworkPolicies that fence the stores and the operations ports (spec.networkPolicies).
- apiGroups: [networking.k8s.io]
  resources: [networkpolicies]
  verbs: [get, list, watch, create, update, patch, delete]
# ServiceMonitor and PrometheusRule, when the Prometheus Operator's CRDs exist.
- apiGroups: [monitoring.coreos.com]
  resources: [servicemonitors, prometheusrules]
  verbs: [get, list, watch, create, update, patch, delete]
{{- end }}
