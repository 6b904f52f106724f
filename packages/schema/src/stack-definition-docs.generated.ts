// Generated from packages/schema/src/key-descriptions.ts by `pnpm docs:write`; do not edit.
// A key's type is `unknown`, or the docs of what it holds: define-stack.ts intersects these
// with the zod types, where `unknown` leaves the type as it is and only the JSDoc is added.

/** A stack file's top-level keys. */
export interface StackDefinitionDocs {
  /** Obsolete in Compose; accepted and ignored, with a warning. */
  version: unknown;
  /** The stack name: lower-case letters, digits, '_' and '-'. Else `--name`, `STACK_NAME` or the folder's name. */
  name: unknown;
  /** The containers of the stack, by service name. */
  services: { [key: string]: ServicesEntryDocs };
  /** Networks of the stack, by key; the engine name is `<stack>_<key>` unless `name` is set. */
  networks: { [key: string]: NetworksEntryDocs };
  /** Named volumes of the stack, by key; the engine name is `<stack>_<key>` unless `name` is set. */
  volumes: { [key: string]: VolumesEntryDocs };
  /** Secrets, by key: each from one of `file` or `environment`. Their values are never printed. */
  secrets: { [key: string]: SecretsEntryDocs };
  /** Configs, by key: each from one of `file`, `environment` or `content`. */
  configs: { [key: string]: ConfigsEntryDocs };
  /** Other stack files whose services, networks, volumes, secrets and configs join this stack; each keeps its own folder for relative paths. */
  include: IncludeItemDocs[];
  /** Stackform's own settings for the stack. */
  "x-stackform": XStackformDocs;
}

/** The keys of `services.*`. */
export interface ServicesEntryDocs {
  /** The image to run; pulled or built according to `pull_policy`. */
  image: unknown;
  /** Build the image from a folder (a path), or with the long form below. */
  build: ServicesEntryBuildDocs;
  /** When to pull the image: `always`, `never`, `missing` (default), `build`, `if_not_present`, or when the local image was last pulled or tagged longer ago than `daily`, `weekly`, `every_<interval>` (`every_12h`, `every_2d`) or `refresh` with `pull_refresh_after`. Containers follow an image that a pull or rebuild moved in the same apply. */
  pull_policy: unknown;
  /** With `pull_policy: refresh`: how old the local image may get before the next apply pulls it again (`12h`, `2d`, `1w`). */
  pull_refresh_after: unknown;
  /** The platform to pull, build and run the image for, `os/arch[/variant]` (`linux/amd64`, `linux/arm64`); unset, the engine's own. A change replaces the containers. */
  platform: unknown;
  /** Overrides the image's command: a string (split as a shell would) or a list. */
  command: unknown;
  /** Overrides the image's entrypoint: a string or a list. */
  entrypoint: unknown;
  /** Environment variables (map or `KEY=value` list); values are interpolated. */
  environment: unknown;
  /** Files of `KEY=value` lines read into the environment, relative to the stack file. */
  env_file: ServicesEntryEnvFileItemDocs[];
  /** Published ports: `"[host_ip:][published:]target[/protocol]"` or the long form. */
  ports: ServicesEntryPortsItemDocs[];
  /** Ports documented as exposed to other containers, not published. */
  expose: unknown;
  /** Mounts: `"source:target[:ro]"` (named volume or host path) or the long form. */
  volumes: ServicesEntryVolumesItemDocs[];
  /** tmpfs mounts: a path or a list of paths, with optional options. */
  tmpfs: unknown;
  /** The networks to join (list, or map with per-network options); default: the stack's default network. */
  networks: { [key: string]: ServicesEntryNetworksEntryDocs };
  /** `bridge`, `host`, `none` or `service:<name>` instead of `networks`. */
  network_mode: unknown;
  /** Services to start first (list, or map with a condition). */
  depends_on: { [key: string]: ServicesEntryDependsOnEntryDocs };
  /** How the engine tests that the container is healthy. */
  healthcheck: ServicesEntryHealthcheckDocs;
  /** Commands run in each container right after it starts, as `docker exec` would; a failing one fails the start. A change recreates nothing. */
  post_start: ServicesEntryPostStartItemDocs[];
  /** Commands run in each container before it is stopped; a failing one is reported and the stop goes on. A change recreates nothing. */
  pre_stop: ServicesEntryPreStopItemDocs[];
  /** What `stack watch` does as files change; not part of the container (a change plans nothing). */
  develop: ServicesEntryDevelopDocs;
  /** The restart policy. no | always | on-failure[:N] | unless-stopped */
  restart: unknown;
  /** Compose's deploy section: replicas and resources. */
  deploy: ServicesEntryDeployDocs;
  /** Same as `deploy.replicas`. */
  scale: unknown;
  /** Memory limit. A size in bytes, or with a unit like "512m", "1g" or "1024k". */
  mem_limit: unknown;
  /** Memory plus swap limit. */
  memswap_limit: unknown;
  /** Memory reservation. A size in bytes, or with a unit like "512m", "1g" or "1024k". */
  mem_reservation: unknown;
  /** CPU limit. A number of CPUs like 0.5 or "1.5". */
  cpus: unknown;
  /** Relative CPU weight. */
  cpu_shares: unknown;
  /** Maximum number of processes. */
  pids_limit: unknown;
  /** Labels on the container (map or `KEY=value` list). */
  labels: unknown;
  /** Files of `KEY=value` lines read into the labels; `labels` override them. */
  label_file: unknown;
  /** Run an init process as PID 1 that reaps zombies and forwards signals. */
  init: unknown;
  /** Bind the engine's API socket into the container, with the registry credentials of the machine Stackform runs on in /root/.docker/config.json. */
  use_api_socket: unknown;
  /** The user (and group) the command runs as. */
  user: unknown;
  /** The command's working folder. */
  working_dir: unknown;
  /** The container's host name. */
  hostname: unknown;
  /** Extra `/etc/hosts` lines: `"name:address"` list or map. */
  extra_hosts: unknown;
  /** DNS servers. */
  dns: unknown;
  /** resolv.conf options, like `ndots:2`. */
  dns_opt: unknown;
  /** DNS search domains: one or a list. */
  dns_search: unknown;
  /** Linux capabilities to add. */
  cap_add: unknown;
  /** Linux capabilities to drop. */
  cap_drop: unknown;
  /** Run privileged (reported as a warning). */
  privileged: unknown;
  /** Mount the root file system read-only. */
  read_only: unknown;
  /** The signal that stops the container. */
  stop_signal: unknown;
  /** How long to wait after the stop signal before killing. A duration like "10s", "1m30s", "500ms" or "1h". */
  stop_grace_period: unknown;
  /** Allocate a terminal. */
  tty: unknown;
  /** Keep stdin open. */
  stdin_open: unknown;
  /** A fixed container name instead of `<stack>-<service>-<n>` (one replica only). */
  container_name: unknown;
  /** The container's log driver and its options; unset, the engine's default driver. */
  logging: ServicesEntryLoggingDocs;
  /** Process limits by name (`nofile`, `nproc`...): one number for both, or `soft` and `hard`. */
  ulimits: { [key: string]: ServicesEntryUlimitsEntryDocs };
  /** Namespaced kernel parameters (map or `KEY=value` list). */
  sysctls: unknown;
  /** The size of /dev/shm (the engine's default is 64m). A size in bytes, or with a unit like "512m", "1g" or "1024k". */
  shm_size: unknown;
  /** Security options, like `no-new-privileges` or `seccomp=unconfined`. */
  security_opt: unknown;
  /** Host devices: `"/dev/host[:/dev/container][:rwm]"` or the long form. */
  devices: ServicesEntryDevicesItemDocs[];
  /** `host` shares the host's process namespace; `service:<name>` that of the service's first container. */
  pid: unknown;
  /** `host`, `private`, `shareable`, `none`, or `service:<name>` for the namespace of the service's first container. */
  ipc: unknown;
  /** Mount every volume of another service's first container (`<service>[:ro]`) or of a container (`container:<name>[:ro]`). */
  volumes_from: unknown;
  /** Other services' first containers under another name on the stack's networks: `<service>[:alias]`. */
  links: unknown;
  /** Containers outside the stack under another name: `<container>[:alias]`. */
  external_links: unknown;
  /** The parent cgroup of the container. */
  cgroup_parent: unknown;
  /** `host` or `private` cgroup namespace (default: the engine's). */
  cgroup: unknown;
  /** Do not let the kernel's OOM killer kill the container. */
  oom_kill_disable: unknown;
  /** The OOM killer's preference for this container, -1000 to 1000. */
  oom_score_adj: unknown;
  /** Extra groups (names or ids) of the container's user. */
  group_add: unknown;
  /** The container's NIS domain name. */
  domainname: unknown;
  /** The container's MAC address. */
  mac_address: unknown;
  /** `host` turns off user-namespace remapping for this container. */
  userns_mode: unknown;
  /** `host` shares the host's UTS namespace (its host name). */
  uts: unknown;
  /** The OCI runtime, like `runc` (default: the engine's). */
  runtime: unknown;
  /** The CFS period, in microseconds or as a duration. Microseconds, or a duration like 100ms. */
  cpu_period: unknown;
  /** The CFS quota per period, in microseconds or as a duration. Microseconds, or a duration like 100ms. */
  cpu_quota: unknown;
  /** The real-time scheduling period, in microseconds or as a duration. Microseconds, or a duration like 100ms. */
  cpu_rt_period: unknown;
  /** The real-time runtime per period, in microseconds or as a duration. Microseconds, or a duration like 100ms. */
  cpu_rt_runtime: unknown;
  /** The CPUs the container may run on, like `"0-3"` or `"0,2"`. */
  cpuset: unknown;
  /** How readily the kernel swaps the container's memory, 0 to 100. */
  mem_swappiness: unknown;
  /** Block IO weight and per-device limits. */
  blkio_config: ServicesEntryBlkioConfigDocs;
  /** Device cgroup rules, like `"c 1:3 mr"`. */
  device_cgroup_rules: unknown;
  /** Storage driver options, like `size: 20G` (overlay2 needs xfs with pquota). */
  storage_opt: unknown;
  /** Accepted for Compose: which services `docker compose up` follows; `stack apply` follows none. */
  attach: unknown;
  /** The service runs only when one of these profiles is active (`--profile`). */
  profiles: unknown;
  /** Start from another service (`name`, or `{service, file}` for one in another file); this service's keys merge over it. */
  extends: ServicesEntryExtendsDocs;
  /** Secrets (from `secrets:`) as files under /run/secrets: a `file:` one bind-mounted read-only, an `environment:` one copied in at create. */
  secrets: ServicesEntrySecretsItemDocs[];
  /** Configs (from `configs:`) as files: a `file:` one bind-mounted read-only, an `environment:` or `content:` one copied in at create. */
  configs: ServicesEntryConfigsItemDocs[];
  /** Stackform's own settings for the service. */
  "x-stackform": ServicesEntryXStackformDocs;
  /** Stackform: environment keys and build args whose values are never printed. */
  "x-sensitive": unknown;
}

/** The keys of `networks.*`. */
export interface NetworksEntryDocs {
  /** The network driver, e.g. `bridge`. */
  driver: unknown;
  /** Driver options. */
  driver_opts: unknown;
  /** Address management. */
  ipam: NetworksEntryIpamDocs;
  /** No access to the outside. */
  internal: unknown;
  /** Other containers may attach. */
  attachable: unknown;
  /** IPv6 addressing on the network; give it an IPv6 subnet in `ipam.config` unless the engine's `default-address-pools` have one. */
  enable_ipv6: unknown;
  /** Labels on the network. */
  labels: unknown;
  /** The network exists already: used, never created or removed. */
  external: unknown;
  /** The engine name of the network. */
  name: unknown;
}

/** The keys of `volumes.*`. */
export interface VolumesEntryDocs {
  /** The volume driver. */
  driver: unknown;
  /** Driver options. */
  driver_opts: unknown;
  /** Labels on the volume. */
  labels: unknown;
  /** The volume exists already: used, never created or removed. */
  external: unknown;
  /** The engine name of the volume. */
  name: unknown;
}

/** The keys of `secrets.*`. */
export interface SecretsEntryDocs {
  /** The file holding the secret, relative to the stack file. */
  file: unknown;
  /** The variable (from the environment, then `.env`) whose value is the secret; unset is an error. */
  environment: unknown;
}

/** The keys of `configs.*`. */
export interface ConfigsEntryDocs {
  /** The file holding the config, relative to the stack file. */
  file: unknown;
  /** The variable (from the environment, then `.env`) whose value is the config; unset is an error. */
  environment: unknown;
  /** The config's text, inline (interpolated). */
  content: unknown;
}

/** The keys of `include[]`. */
export interface IncludeItemDocs {
  /** The file (or files, merged in order) to include, relative to this one. */
  path: unknown;
  /** The folder the included file's relative paths resolve against (default: its own). */
  project_directory: unknown;
}

/** The keys of `x-stackform`. */
export interface XStackformDocs {
  /** Where the stack runs: `containers` on one engine (the default) or `swarm` services. Where the stack runs: containers on one engine (the default) or a Swarm's services. */
  target: unknown;
  /** Written by `stack config --json`: the version of its output. The version of `stack config --json` output. */
  format_version: unknown;
}

/** The keys of `services.*.build`. */
export interface ServicesEntryBuildDocs {
  /** The build context folder, relative to the stack file. */
  context: unknown;
  /** The Dockerfile, relative to the context. */
  dockerfile: unknown;
  /** The Dockerfile's text, instead of `dockerfile` (it is sent inside the build context, and left out of what `COPY .` copies). */
  dockerfile_inline: unknown;
  /** Build arguments (map or `KEY=value` list). */
  args: unknown;
  /** The stage of a multi-stage Dockerfile to build. */
  target: unknown;
  /** Labels set on the built image (map or `KEY=value` list). */
  labels: unknown;
  /** More references to tag the built image with, besides `image`. */
  tags: unknown;
  /** Images whose layers the build may reuse: references the engine has or can pull (`type=registry,ref=IMAGE` works too; other cache types need BuildKit). */
  cache_from: unknown;
  /** `true`: build every step again, ignoring the engine's layer cache. */
  no_cache: unknown;
  /** `true`: pull the `FROM` images even when the engine has them (with the docker CLI's registry credentials). */
  pull: unknown;
  /** The network of the `RUN` steps: `host`, `none`, or an existing network's name; unset, the engine's default bridge. */
  network: unknown;
  /** Extra `/etc/hosts` lines for the `RUN` steps: `"name:address"` list or map. */
  extra_hosts: unknown;
  /** The size of /dev/shm for the `RUN` steps (the engine's default is 64m). A size in bytes, or with a unit like "512m", "1g" or "1024k". */
  shm_size: unknown;
  /** Resource limits of the `RUN` steps, by name (`nofile`, `nproc`): one number for both limits, or `soft` and `hard`. */
  ulimits: { [key: string]: ServicesEntryBuildUlimitsEntryDocs };
}

/** The keys of `services.*.env_file[]`. */
export interface ServicesEntryEnvFileItemDocs {
  /** The file's path. */
  path: unknown;
  /** `false`: a missing file is skipped instead of an error. */
  required: unknown;
}

/** The keys of `services.*.ports[]`. */
export interface ServicesEntryPortsItemDocs {
  /** The container port. */
  target: unknown;
  /** The host port (or range); omitted: the engine picks one. */
  published: unknown;
  /** The host address to bind, e.g. `127.0.0.1`. */
  host_ip: unknown;
  /** `tcp` (default), `udp` or `sctp`. */
  protocol: unknown;
  /** `ingress` or `host`: on one engine both publish on the host. */
  mode: unknown;
  /** A name for the port: metadata for people and tools, not sent to the engine. */
  name: unknown;
  /** The application protocol (`http`, `grpc`…): metadata, not sent to the engine. */
  app_protocol: unknown;
}

/** The keys of `services.*.volumes[]`. */
export interface ServicesEntryVolumesItemDocs {
  /** `volume`, `bind` or `tmpfs`. */
  type: unknown;
  /** The volume's key in `volumes:` or the host path. */
  source: unknown;
  /** The path in the container. */
  target: unknown;
  /** Mount read-only. */
  read_only: unknown;
  /** Options of a volume mount. */
  volume: ServicesEntryVolumesItemVolumeDocs;
  /** Options of a bind mount. */
  bind: ServicesEntryVolumesItemBindDocs;
  /** Options of a tmpfs mount. */
  tmpfs: ServicesEntryVolumesItemTmpfsDocs;
}

/** The keys of `services.*.networks.*`. */
export interface ServicesEntryNetworksEntryDocs {
  /** Extra DNS names of the service on that network. */
  aliases: unknown;
  /** A fixed address on that network (needs an `ipam` subnet). */
  ipv4_address: unknown;
  /** A fixed IPv6 address on that network (needs `enable_ipv6` and an IPv6 `ipam` subnet). */
  ipv6_address: unknown;
  /** Extra link-local addresses of the container on that network. */
  link_local_ips: unknown;
  /** Options for the network driver, for this endpoint. */
  driver_opts: unknown;
  /** Order of joining: the highest first (the container is created on it); equal ones by name. */
  priority: unknown;
}

/** The keys of `services.*.depends_on.*`. */
export interface ServicesEntryDependsOnEntryDocs {
  /** `service_started` (default), `service_healthy` or `service_completed_successfully`. */
  condition: unknown;
  /** Restart this service when the dependency is replaced. */
  restart: unknown;
  /** `false`: a dependency outside the active profiles is ignored. */
  required: unknown;
}

/** The keys of `services.*.healthcheck`. */
export interface ServicesEntryHealthcheckDocs {
  /** The test: `["CMD", ...]`, `["CMD-SHELL", "..."]` or a shell string. */
  test: unknown;
  /** Time between tests. A duration like "10s", "1m30s", "500ms" or "1h". */
  interval: unknown;
  /** How long one test may take. A duration like "10s", "1m30s", "500ms" or "1h". */
  timeout: unknown;
  /** Start-up time during which failures do not count. A duration like "10s", "1m30s", "500ms" or "1h". */
  start_period: unknown;
  /** Consecutive failures before the container is unhealthy. */
  retries: unknown;
  /** Turn off the image's healthcheck. */
  disable: unknown;
}

/** The keys of `services.*.post_start[]`. */
export interface ServicesEntryPostStartItemDocs {
  /** The command: a list, or a string split into words as `command` is. */
  command: unknown;
  /** The user to run it as; default: the container's. */
  user: unknown;
  /** Run it with extended privileges. */
  privileged: unknown;
  /** The directory to run it in; default: the container's. */
  working_dir: unknown;
  /** Variables for this command, over the container's; secrets by the service's rule. */
  environment: unknown;
}

/** The keys of `services.*.pre_stop[]`. */
export interface ServicesEntryPreStopItemDocs {
  /** The command: a list, or a string split into words as `command` is. */
  command: unknown;
  /** The user to run it as; default: the container's. */
  user: unknown;
  /** Run it with extended privileges. */
  privileged: unknown;
  /** The directory to run it in; default: the container's. */
  working_dir: unknown;
  /** Variables for this command, over the container's; secrets by the service's rule. */
  environment: unknown;
}

/** The keys of `services.*.develop`. */
export interface ServicesEntryDevelopDocs {
  /** Rules: a host path to watch and what to do when something under it changes. */
  watch: ServicesEntryDevelopWatchItemDocs[];
}

/** The keys of `services.*.deploy`. */
export interface ServicesEntryDeployDocs {
  /** How many containers run the service (`<stack>-<service>-<n>`). */
  replicas: unknown;
  /** Resource limits and reservations. */
  resources: ServicesEntryDeployResourcesDocs;
  /** How a change rolls out over the replicas: in batches, each new container up (healthy, or running for `monitor`) before the next. */
  update_config: ServicesEntryDeployUpdateConfigDocs;
  /** How replicas already updated are put back when a later batch fails its gate (`failure_action: rollback`). */
  rollback_config: ServicesEntryDeployRollbackConfigDocs;
  /** Swarm only: `replicated` (the default) or `global`, one task per node. */
  mode: unknown;
  /** Swarm only: which nodes may run the service's tasks. */
  placement: ServicesEntryDeployPlacementDocs;
  /** Swarm only: `vip` (a virtual IP) or `dnsrr` (DNS round robin). */
  endpoint_mode: unknown;
  /** Swarm only: labels on the service (`labels` go on its containers). */
  labels: unknown;
}

/** The keys of `services.*.logging`. */
export interface ServicesEntryLoggingDocs {
  /** The log driver, like `json-file`, `local`, `syslog` or `none`. */
  driver: unknown;
  /** The driver's options, like `max-size: 10m`. */
  options: unknown;
}

/** The keys of `services.*.ulimits.*`. */
export interface ServicesEntryUlimitsEntryDocs {
  /** The soft limit; -1 is unlimited. */
  soft: unknown;
  /** The hard limit; -1 is unlimited. */
  hard: unknown;
}

/** The keys of `services.*.devices[]`. */
export interface ServicesEntryDevicesItemDocs {
  /** The device on the host. */
  source: unknown;
  /** The path in the container (default: the same as `source`). */
  target: unknown;
  /** Cgroup permissions: `r`, `w`, `m` or a combination (default `rwm`). */
  permissions: unknown;
}

/** The keys of `services.*.blkio_config`. */
export interface ServicesEntryBlkioConfigDocs {
  /** Relative block IO weight, 10 to 1000. */
  weight: unknown;
  /** Per-device weights. */
  weight_device: ServicesEntryBlkioConfigWeightDeviceItemDocs[];
  /** Read limits in bytes per second, per device. */
  device_read_bps: ServicesEntryBlkioConfigDeviceReadBpsItemDocs[];
  /** Write limits in bytes per second, per device. */
  device_write_bps: ServicesEntryBlkioConfigDeviceWriteBpsItemDocs[];
  /** Read limits in operations per second, per device. */
  device_read_iops: ServicesEntryBlkioConfigDeviceReadIopsItemDocs[];
  /** Write limits in operations per second, per device. */
  device_write_iops: ServicesEntryBlkioConfigDeviceWriteIopsItemDocs[];
}

/** The keys of `services.*.extends`. */
export interface ServicesEntryExtendsDocs {
  /** The service to extend. */
  service: unknown;
  /** The file that defines it, relative to this one; its relative paths keep their own base. */
  file: unknown;
}

/** The keys of `services.*.secrets[]`. */
export interface ServicesEntrySecretsItemDocs {
  /** The secret's key in `secrets:`. */
  source: unknown;
  /** The file name or path in the container. */
  target: unknown;
  /** The numeric owner of a copied-in secret (default 0); not for `file:` secrets. */
  uid: unknown;
  /** The numeric group of a copied-in secret (default 0); not for `file:` secrets. */
  gid: unknown;
  /** The octal mode of a copied-in secret (default 0444); not for `file:` secrets. */
  mode: unknown;
}

/** The keys of `services.*.configs[]`. */
export interface ServicesEntryConfigsItemDocs {
  /** The config's key in `configs:`. */
  source: unknown;
  /** The path in the container (default `/<key>`). */
  target: unknown;
  /** The numeric owner of a copied-in config (default 0); not for `file:` configs. */
  uid: unknown;
  /** The numeric group of a copied-in config (default 0); not for `file:` configs. */
  gid: unknown;
  /** The octal mode of a copied-in config (default 0444); not for `file:` configs. */
  mode: unknown;
}

/** The keys of `services.*.x-stackform`. */
export interface ServicesEntryXStackformDocs {
  /** How long an old container stays running after leaving the stack's networks, before it is stopped (default 2s); `0s` does not drain, and leaves it on its networks until it stops. A duration like "10s", "1m30s", "500ms" or "1h". */
  drain: unknown;
}

/** The keys of `networks.*.ipam`. */
export interface NetworksEntryIpamDocs {
  /** The IPAM driver. */
  driver: unknown;
  /** Address pools. */
  config: NetworksEntryIpamConfigItemDocs[];
  /** IPAM driver options. */
  options: unknown;
}

/** The keys of `services.*.build.ulimits.*`. */
export interface ServicesEntryBuildUlimitsEntryDocs {
  /** The soft limit; -1 is unlimited. */
  soft: unknown;
  /** The hard limit; -1 is unlimited. */
  hard: unknown;
}

/** The keys of `services.*.volumes[].volume`. */
export interface ServicesEntryVolumesItemVolumeDocs {
  /** Do not copy the image's content into a new volume. */
  nocopy: unknown;
  /** Labels for a volume the mount creates (an anonymous one). */
  labels: unknown;
}

/** The keys of `services.*.volumes[].bind`. */
export interface ServicesEntryVolumesItemBindDocs {
  /** Create the host folder when it does not exist. */
  create_host_path: unknown;
  /** Mount propagation: `rprivate` (the engine's default), `private`, `rshared`, `shared`, `rslave` or `slave`. */
  propagation: unknown;
  /** Relabel the host path for SELinux: `z` shared between containers, `Z` private. The engine then creates a missing host path, whatever `create_host_path` says (a warning says so). */
  selinux: unknown;
}

/** The keys of `services.*.volumes[].tmpfs`. */
export interface ServicesEntryVolumesItemTmpfsDocs {
  /** The tmpfs size limit. A size in bytes, or with a unit like "512m", "1g" or "1024k". */
  size: unknown;
  /** The tmpfs file mode, e.g. `1777`. */
  mode: unknown;
}

/** The keys of `services.*.develop.watch[]`. */
export interface ServicesEntryDevelopWatchItemDocs {
  /** The file or directory to watch, relative to the stack file's directory. */
  path: unknown;
  /** `sync` copies changed files into the running containers (and deletes removed ones); `sync+restart` then restarts them; `sync+exec` then runs `exec`; `restart` only restarts; `rebuild` builds the image and applies the stack. */
  action: unknown;
  /** The sync actions: the absolute path in the container that `path` maps to. */
  target: unknown;
  /** Gitignore-like patterns, relative to `path`, of files that trigger nothing. */
  ignore: unknown;
  /** When set, only files matching one of these patterns (relative to `path`) trigger the rule. */
  include: unknown;
  /** Sync everything under `path` when `stack watch` starts. */
  initial_sync: unknown;
  /** `sync+exec`: the command run in each container after a sync, as a `post_start` hook. */
  exec: ServicesEntryDevelopWatchItemExecDocs;
}

/** The keys of `services.*.deploy.resources`. */
export interface ServicesEntryDeployResourcesDocs {
  /** Upper bounds. */
  limits: ServicesEntryDeployResourcesLimitsDocs;
  /** Soft guarantees. */
  reservations: ServicesEntryDeployResourcesReservationsDocs;
}

/** The keys of `services.*.deploy.update_config`. */
export interface ServicesEntryDeployUpdateConfigDocs {
  /** Replicas replaced at a time; 0 replaces all at once (default 1). */
  parallelism: unknown;
  /** Wait between batches. A duration like "10s", "1m30s", "500ms" or "1h". */
  delay: unknown;
  /** `start-first` (default where possible): the new container runs before the old one stops; `stop-first`: the reverse. */
  order: unknown;
  /** `rollback` (default), `pause` or `continue` when a new container fails its gate. */
  failure_action: unknown;
  /** How long a new container without a healthcheck must keep running to count as up (default 3s). A duration like "10s", "1m30s", "500ms" or "1h". */
  monitor: unknown;
  /** Share of replicas that may fail before `failure_action` applies. */
  max_failure_ratio: unknown;
}

/** The keys of `services.*.deploy.rollback_config`. */
export interface ServicesEntryDeployRollbackConfigDocs {
  /** Replicas put back at a time; 0 puts all back at once (default 1). */
  parallelism: unknown;
  /** Wait between batches of the rollback. A duration like "10s", "1m30s", "500ms" or "1h". */
  delay: unknown;
  /** `start-first` (default where the update is): the old container runs again before the new one goes; `stop-first`: the reverse. */
  order: unknown;
  /** Swarm only: what Swarm does when the rollback itself fails (one engine keeps undoing and reports each failed step). */
  failure_action: unknown;
  /** Swarm only: how long Swarm watches a rolled-back task (one engine waits for the old container to be up again). A duration like "10s", "1m30s", "500ms" or "1h". */
  monitor: unknown;
  /** Swarm only: the share of rolled-back tasks that may fail. */
  max_failure_ratio: unknown;
}

/** The keys of `services.*.deploy.placement`. */
export interface ServicesEntryDeployPlacementDocs {
  /** Swarm only: node constraints, e.g. `node.role==manager`. */
  constraints: unknown;
  /** Swarm only: spread preferences. */
  preferences: ServicesEntryDeployPlacementPreferencesItemDocs[];
  /** Swarm only: at most this many tasks per node. */
  max_replicas_per_node: unknown;
}

/** The keys of `services.*.blkio_config.weight_device[]`. */
export interface ServicesEntryBlkioConfigWeightDeviceItemDocs {
  /** The block device. */
  path: unknown;
  /** Its weight, 10 to 1000. */
  weight: unknown;
}

/** The keys of `services.*.blkio_config.device_read_bps[]`. */
export interface ServicesEntryBlkioConfigDeviceReadBpsItemDocs {
  /** The block device. */
  path: unknown;
  /** Bytes per second, like `"10mb"`. A size in bytes, or with a unit like "512m", "1g" or "1024k". */
  rate: unknown;
}

/** The keys of `services.*.blkio_config.device_write_bps[]`. */
export interface ServicesEntryBlkioConfigDeviceWriteBpsItemDocs {
  /** The block device. */
  path: unknown;
  /** Bytes per second, like `"10mb"`. A size in bytes, or with a unit like "512m", "1g" or "1024k". */
  rate: unknown;
}

/** The keys of `services.*.blkio_config.device_read_iops[]`. */
export interface ServicesEntryBlkioConfigDeviceReadIopsItemDocs {
  /** The block device. */
  path: unknown;
  /** Operations per second. */
  rate: unknown;
}

/** The keys of `services.*.blkio_config.device_write_iops[]`. */
export interface ServicesEntryBlkioConfigDeviceWriteIopsItemDocs {
  /** The block device. */
  path: unknown;
  /** Operations per second. */
  rate: unknown;
}

/** The keys of `networks.*.ipam.config[]`. */
export interface NetworksEntryIpamConfigItemDocs {
  /** The subnet in CIDR form. */
  subnet: unknown;
  /** The range addresses are allocated from. */
  ip_range: unknown;
  /** The gateway address. */
  gateway: unknown;
}

/** The keys of `services.*.develop.watch[].exec`. */
export interface ServicesEntryDevelopWatchItemExecDocs {
  /** The command: a list, or a string split into words as `command` is. */
  command: unknown;
  /** The user to run it as; default: the container's. */
  user: unknown;
  /** Run it with extended privileges. */
  privileged: unknown;
  /** The directory to run it in; default: the container's. */
  working_dir: unknown;
  /** Variables for this command, over the container's. */
  environment: unknown;
}

/** The keys of `services.*.deploy.resources.limits`. */
export interface ServicesEntryDeployResourcesLimitsDocs {
  /** CPU limit. A number of CPUs like 0.5 or "1.5". */
  cpus: unknown;
  /** Memory limit. A size in bytes, or with a unit like "512m", "1g" or "1024k". */
  memory: unknown;
  /** Maximum number of processes. */
  pids: unknown;
}

/** The keys of `services.*.deploy.resources.reservations`. */
export interface ServicesEntryDeployResourcesReservationsDocs {
  /** Memory reservation. A size in bytes, or with a unit like "512m", "1g" or "1024k". */
  memory: unknown;
}

/** The keys of `services.*.deploy.placement.preferences[]`. */
export interface ServicesEntryDeployPlacementPreferencesItemDocs {
  /** Swarm only: a node label to spread tasks over. */
  spread: unknown;
}
