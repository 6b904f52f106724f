/**
 * What each key of a stack file means, by path (`*` a map's entry, `[]` a list's item). The
 * JSON Schema (editor hovers) and docs/stack-files.md take their text from here; a unit test
 * fails when a key of the zod schema has no entry, so a new key cannot go undocumented.
 */
export const KEY_DESCRIPTIONS: Readonly<Record<string, string>> = {
  version: "Obsolete in Compose; accepted and ignored, with a warning.",
  name: "The stack name: lower-case letters, digits, '_' and '-'. Else `--name`, `STACK_NAME` or the folder's name.",
  services: "The containers of the stack, by service name.",
  "services.*.image": "The image to run; pulled or built according to `pull_policy`.",
  "services.*.build": "Build the image from a folder (a path), or with the long form below.",
  "services.*.build.context": "The build context folder, relative to the stack file.",
  "services.*.build.dockerfile": "The Dockerfile, relative to the context.",
  "services.*.build.args": "Build arguments (map or `KEY=value` list).",
  "services.*.build.target": "The stage of a multi-stage Dockerfile to build.",
  "services.*.build.dockerfile_inline":
    "The Dockerfile's text, instead of `dockerfile` (it is sent inside the build context, and left out of what `COPY .` copies).",
  "services.*.build.labels": "Labels set on the built image (map or `KEY=value` list).",
  "services.*.build.tags": "More references to tag the built image with, besides `image`.",
  "services.*.build.cache_from":
    "Images whose layers the build may reuse: references the engine has or can pull (`type=registry,ref=IMAGE` works too; other cache types need BuildKit).",
  "services.*.build.no_cache": "`true`: build every step again, ignoring the engine's layer cache.",
  "services.*.build.pull":
    "`true`: pull the `FROM` images even when the engine has them (with the docker CLI's registry credentials).",
  "services.*.build.network":
    "The network of the `RUN` steps: `host`, `none`, or an existing network's name; unset, the engine's default bridge.",
  "services.*.build.extra_hosts":
    'Extra `/etc/hosts` lines for the `RUN` steps: `"name:address"` list or map.',
  "services.*.build.shm_size": "The size of /dev/shm for the `RUN` steps (the engine's default is 64m).",
  "services.*.build.ulimits":
    "Resource limits of the `RUN` steps, by name (`nofile`, `nproc`): one number for both limits, or `soft` and `hard`.",
  "services.*.build.ulimits.*.soft": "The soft limit; -1 is unlimited.",
  "services.*.build.ulimits.*.hard": "The hard limit; -1 is unlimited.",
  "services.*.pull_policy":
    "When to pull the image: `always`, `never`, `missing` (default), `build`, `if_not_present`, or when the local image was last pulled or tagged longer ago than `daily`, `weekly`, `every_<interval>` (`every_12h`, `every_2d`) or `refresh` with `pull_refresh_after`. Containers follow an image that a pull or rebuild moved in the same apply.",
  "services.*.pull_refresh_after":
    "With `pull_policy: refresh`: how old the local image may get before the next apply pulls it again (`12h`, `2d`, `1w`).",
  "services.*.platform":
    "The platform to pull, build and run the image for, `os/arch[/variant]` (`linux/amd64`, `linux/arm64`); unset, the engine's own. A change replaces the containers.",
  "services.*.command": "Overrides the image's command: a string (split as a shell would) or a list.",
  "services.*.entrypoint": "Overrides the image's entrypoint: a string or a list.",
  "services.*.environment": "Environment variables (map or `KEY=value` list); values are interpolated.",
  "services.*.env_file": "Files of `KEY=value` lines read into the environment, relative to the stack file.",
  "services.*.env_file[].path": "The file's path.",
  "services.*.env_file[].required": "`false`: a missing file is skipped instead of an error.",
  "services.*.ports": 'Published ports: `"[host_ip:][published:]target[/protocol]"` or the long form.',
  "services.*.ports[].target": "The container port.",
  "services.*.ports[].published": "The host port (or range); omitted: the engine picks one.",
  "services.*.ports[].host_ip": "The host address to bind, e.g. `127.0.0.1`.",
  "services.*.ports[].protocol": "`tcp` (default), `udp` or `sctp`.",
  "services.*.ports[].mode": "`ingress` or `host`: on one engine both publish on the host.",
  "services.*.ports[].name": "A name for the port: metadata for people and tools, not sent to the engine.",
  "services.*.ports[].app_protocol":
    "The application protocol (`http`, `grpc`…): metadata, not sent to the engine.",
  "services.*.expose": "Ports documented as exposed to other containers, not published.",
  "services.*.volumes": 'Mounts: `"source:target[:ro]"` (named volume or host path) or the long form.',
  "services.*.volumes[].type": "`volume`, `bind` or `tmpfs`.",
  "services.*.volumes[].source": "The volume's key in `volumes:` or the host path.",
  "services.*.volumes[].target": "The path in the container.",
  "services.*.volumes[].read_only": "Mount read-only.",
  "services.*.volumes[].bind": "Options of a bind mount.",
  "services.*.volumes[].bind.create_host_path": "Create the host folder when it does not exist.",
  "services.*.volumes[].bind.propagation":
    "Mount propagation: `rprivate` (the engine's default), `private`, `rshared`, `shared`, `rslave` or `slave`.",
  "services.*.volumes[].bind.selinux":
    "Relabel the host path for SELinux: `z` shared between containers, `Z` private. The engine then creates a missing host path, whatever `create_host_path` says (a warning says so).",
  "services.*.volumes[].volume": "Options of a volume mount.",
  "services.*.volumes[].volume.nocopy": "Do not copy the image's content into a new volume.",
  "services.*.volumes[].volume.labels": "Labels for a volume the mount creates (an anonymous one).",
  "services.*.volumes[].tmpfs": "Options of a tmpfs mount.",
  "services.*.volumes[].tmpfs.size": "The tmpfs size limit.",
  "services.*.volumes[].tmpfs.mode": "The tmpfs file mode, e.g. `1777`.",
  "services.*.tmpfs": "tmpfs mounts: a path or a list of paths, with optional options.",
  "services.*.networks":
    "The networks to join (list, or map with per-network options); default: the stack's default network.",
  "services.*.networks.*.aliases": "Extra DNS names of the service on that network.",
  "services.*.networks.*.ipv4_address": "A fixed address on that network (needs an `ipam` subnet).",
  "services.*.networks.*.ipv6_address":
    "A fixed IPv6 address on that network (needs `enable_ipv6` and an IPv6 `ipam` subnet).",
  "services.*.networks.*.link_local_ips": "Extra link-local addresses of the container on that network.",
  "services.*.networks.*.driver_opts": "Options for the network driver, for this endpoint.",
  "services.*.networks.*.priority":
    "Order of joining: the highest first (the container is created on it); equal ones by name.",
  "services.*.network_mode": "`bridge`, `host`, `none` or `service:<name>` instead of `networks`.",
  "services.*.depends_on": "Services to start first (list, or map with a condition).",
  "services.*.depends_on.*.condition":
    "`service_started` (default), `service_healthy` or `service_completed_successfully`.",
  "services.*.depends_on.*.restart": "Restart this service when the dependency is replaced.",
  "services.*.depends_on.*.required": "`false`: a dependency outside the active profiles is ignored.",
  "services.*.healthcheck": "How the engine tests that the container is healthy.",
  "services.*.healthcheck.test": 'The test: `["CMD", ...]`, `["CMD-SHELL", "..."]` or a shell string.',
  "services.*.healthcheck.interval": "Time between tests.",
  "services.*.healthcheck.timeout": "How long one test may take.",
  "services.*.healthcheck.retries": "Consecutive failures before the container is unhealthy.",
  "services.*.healthcheck.start_period": "Start-up time during which failures do not count.",
  "services.*.healthcheck.disable": "Turn off the image's healthcheck.",
  "services.*.post_start":
    "Commands run in each container right after it starts, as `docker exec` would; a failing one fails the start. A change recreates nothing.",
  "services.*.post_start[].command": "The command: a list, or a string split into words as `command` is.",
  "services.*.post_start[].user": "The user to run it as; default: the container's.",
  "services.*.post_start[].privileged": "Run it with extended privileges.",
  "services.*.post_start[].working_dir": "The directory to run it in; default: the container's.",
  "services.*.post_start[].environment":
    "Variables for this command, over the container's; secrets by the service's rule.",
  "services.*.pre_stop":
    "Commands run in each container before it is stopped; a failing one is reported and the stop goes on. A change recreates nothing.",
  "services.*.pre_stop[].command": "The command: a list, or a string split into words as `command` is.",
  "services.*.pre_stop[].user": "The user to run it as; default: the container's.",
  "services.*.pre_stop[].privileged": "Run it with extended privileges.",
  "services.*.pre_stop[].working_dir": "The directory to run it in; default: the container's.",
  "services.*.pre_stop[].environment":
    "Variables for this command, over the container's; secrets by the service's rule.",
  "services.*.develop":
    "What `stack watch` does as files change; not part of the container (a change plans nothing).",
  "services.*.develop.watch": "Rules: a host path to watch and what to do when something under it changes.",
  "services.*.develop.watch[].path":
    "The file or directory to watch, relative to the stack file's directory.",
  "services.*.develop.watch[].action":
    "`sync` copies changed files into the running containers (and deletes removed ones); `sync+restart` then restarts them; `sync+exec` then runs `exec`; `restart` only restarts; `rebuild` builds the image and applies the stack.",
  "services.*.develop.watch[].target":
    "The sync actions: the absolute path in the container that `path` maps to.",
  "services.*.develop.watch[].ignore":
    "Gitignore-like patterns, relative to `path`, of files that trigger nothing.",
  "services.*.develop.watch[].include":
    "When set, only files matching one of these patterns (relative to `path`) trigger the rule.",
  "services.*.develop.watch[].initial_sync": "Sync everything under `path` when `stack watch` starts.",
  "services.*.develop.watch[].exec":
    "`sync+exec`: the command run in each container after a sync, as a `post_start` hook.",
  "services.*.develop.watch[].exec.command":
    "The command: a list, or a string split into words as `command` is.",
  "services.*.develop.watch[].exec.user": "The user to run it as; default: the container's.",
  "services.*.develop.watch[].exec.privileged": "Run it with extended privileges.",
  "services.*.develop.watch[].exec.working_dir": "The directory to run it in; default: the container's.",
  "services.*.develop.watch[].exec.environment": "Variables for this command, over the container's.",
  "services.*.restart": "The restart policy.",
  "services.*.deploy": "Compose's deploy section: replicas and resources.",
  "services.*.deploy.replicas": "How many containers run the service (`<stack>-<service>-<n>`).",
  "services.*.deploy.resources": "Resource limits and reservations.",
  "services.*.deploy.resources.limits": "Upper bounds.",
  "services.*.deploy.resources.limits.cpus": "CPU limit.",
  "services.*.deploy.resources.limits.memory": "Memory limit.",
  "services.*.deploy.resources.limits.pids": "Maximum number of processes.",
  "services.*.deploy.resources.reservations": "Soft guarantees.",
  "services.*.deploy.resources.reservations.memory": "Memory reservation.",
  "services.*.deploy.update_config":
    "How a change rolls out over the replicas: in batches, each new container up (healthy, or running for `monitor`) before the next.",
  "services.*.deploy.update_config.parallelism":
    "Replicas replaced at a time; 0 replaces all at once (default 1).",
  "services.*.deploy.update_config.delay": "Wait between batches.",
  "services.*.deploy.update_config.order":
    "`start-first` (default where possible): the new container runs before the old one stops; `stop-first`: the reverse.",
  "services.*.deploy.update_config.failure_action":
    "`rollback` (default), `pause` or `continue` when a new container fails its gate.",
  "services.*.deploy.update_config.monitor":
    "How long a new container without a healthcheck must keep running to count as up (default 3s).",
  "services.*.deploy.update_config.max_failure_ratio":
    "Share of replicas that may fail before `failure_action` applies.",
  "services.*.deploy.mode": "Swarm only: `replicated` (the default) or `global`, one task per node.",
  "services.*.deploy.placement": "Swarm only: which nodes may run the service's tasks.",
  "services.*.deploy.placement.constraints": "Swarm only: node constraints, e.g. `node.role==manager`.",
  "services.*.deploy.placement.preferences": "Swarm only: spread preferences.",
  "services.*.deploy.placement.preferences[].spread": "Swarm only: a node label to spread tasks over.",
  "services.*.deploy.placement.max_replicas_per_node": "Swarm only: at most this many tasks per node.",
  "services.*.deploy.endpoint_mode": "Swarm only: `vip` (a virtual IP) or `dnsrr` (DNS round robin).",
  "services.*.deploy.labels": "Swarm only: labels on the service (`labels` go on its containers).",
  "services.*.deploy.rollback_config":
    "How replicas already updated are put back when a later batch fails its gate (`failure_action: rollback`).",
  "services.*.deploy.rollback_config.parallelism":
    "Replicas put back at a time; 0 puts all back at once (default 1).",
  "services.*.deploy.rollback_config.delay": "Wait between batches of the rollback.",
  "services.*.deploy.rollback_config.order":
    "`start-first` (default where the update is): the old container runs again before the new one goes; `stop-first`: the reverse.",
  "services.*.deploy.rollback_config.failure_action":
    "Swarm only: what Swarm does when the rollback itself fails (one engine keeps undoing and reports each failed step).",
  "services.*.deploy.rollback_config.monitor":
    "Swarm only: how long Swarm watches a rolled-back task (one engine waits for the old container to be up again).",
  "services.*.deploy.rollback_config.max_failure_ratio":
    "Swarm only: the share of rolled-back tasks that may fail.",
  "services.*.scale": "Same as `deploy.replicas`.",
  "services.*.mem_limit": "Memory limit.",
  "services.*.mem_reservation": "Memory reservation.",
  "services.*.memswap_limit": "Memory plus swap limit.",
  "services.*.cpus": "CPU limit.",
  "services.*.cpu_shares": "Relative CPU weight.",
  "services.*.pids_limit": "Maximum number of processes.",
  "services.*.labels": "Labels on the container (map or `KEY=value` list).",
  "services.*.init": "Run an init process as PID 1 that reaps zombies and forwards signals.",
  "services.*.use_api_socket":
    "Bind the engine's API socket into the container, with the registry credentials of the machine Stackform runs on in /root/.docker/config.json.",
  "services.*.user": "The user (and group) the command runs as.",
  "services.*.working_dir": "The command's working folder.",
  "services.*.hostname": "The container's host name.",
  "services.*.extra_hosts": 'Extra `/etc/hosts` lines: `"name:address"` list or map.',
  "services.*.dns": "DNS servers.",
  "services.*.dns_opt": "resolv.conf options, like `ndots:2`.",
  "services.*.dns_search": "DNS search domains: one or a list.",
  "services.*.logging": "The container's log driver and its options; unset, the engine's default driver.",
  "services.*.logging.driver": "The log driver, like `json-file`, `local`, `syslog` or `none`.",
  "services.*.logging.options": "The driver's options, like `max-size: 10m`.",
  "services.*.ulimits":
    "Process limits by name (`nofile`, `nproc`...): one number for both, or `soft` and `hard`.",
  "services.*.ulimits.*.soft": "The soft limit; -1 is unlimited.",
  "services.*.ulimits.*.hard": "The hard limit; -1 is unlimited.",
  "services.*.sysctls": "Namespaced kernel parameters (map or `KEY=value` list).",
  "services.*.shm_size": "The size of /dev/shm (the engine's default is 64m).",
  "services.*.security_opt": "Security options, like `no-new-privileges` or `seccomp=unconfined`.",
  "services.*.devices": 'Host devices: `"/dev/host[:/dev/container][:rwm]"` or the long form.',
  "services.*.devices[].source": "The device on the host.",
  "services.*.devices[].target": "The path in the container (default: the same as `source`).",
  "services.*.devices[].permissions": "Cgroup permissions: `r`, `w`, `m` or a combination (default `rwm`).",
  "services.*.pid":
    "`host` shares the host's process namespace; `service:<name>` that of the service's first container.",
  "services.*.ipc":
    "`host`, `private`, `shareable`, `none`, or `service:<name>` for the namespace of the service's first container.",
  "services.*.links":
    "Other services' first containers under another name on the stack's networks: `<service>[:alias]`.",
  "services.*.external_links": "Containers outside the stack under another name: `<container>[:alias]`.",
  "services.*.volumes_from":
    "Mount every volume of another service's first container (`<service>[:ro]`) or of a container (`container:<name>[:ro]`).",
  "services.*.cgroup_parent": "The parent cgroup of the container.",
  "services.*.cgroup": "`host` or `private` cgroup namespace (default: the engine's).",
  "services.*.oom_kill_disable": "Do not let the kernel's OOM killer kill the container.",
  "services.*.oom_score_adj": "The OOM killer's preference for this container, -1000 to 1000.",
  "services.*.group_add": "Extra groups (names or ids) of the container's user.",
  "services.*.domainname": "The container's NIS domain name.",
  "services.*.mac_address": "The container's MAC address.",
  "services.*.userns_mode": "`host` turns off user-namespace remapping for this container.",
  "services.*.uts": "`host` shares the host's UTS namespace (its host name).",
  "services.*.runtime": "The OCI runtime, like `runc` (default: the engine's).",
  "services.*.cpu_period": "The CFS period, in microseconds or as a duration.",
  "services.*.cpu_quota": "The CFS quota per period, in microseconds or as a duration.",
  "services.*.cpu_rt_period": "The real-time scheduling period, in microseconds or as a duration.",
  "services.*.cpu_rt_runtime": "The real-time runtime per period, in microseconds or as a duration.",
  "services.*.cpuset": 'The CPUs the container may run on, like `"0-3"` or `"0,2"`.',
  "services.*.mem_swappiness": "How readily the kernel swaps the container's memory, 0 to 100.",
  "services.*.blkio_config": "Block IO weight and per-device limits.",
  "services.*.blkio_config.weight": "Relative block IO weight, 10 to 1000.",
  "services.*.blkio_config.weight_device": "Per-device weights.",
  "services.*.blkio_config.weight_device[].path": "The block device.",
  "services.*.blkio_config.weight_device[].weight": "Its weight, 10 to 1000.",
  "services.*.blkio_config.device_read_bps": "Read limits in bytes per second, per device.",
  "services.*.blkio_config.device_read_bps[].path": "The block device.",
  "services.*.blkio_config.device_read_bps[].rate": 'Bytes per second, like `"10mb"`.',
  "services.*.blkio_config.device_write_bps": "Write limits in bytes per second, per device.",
  "services.*.blkio_config.device_write_bps[].path": "The block device.",
  "services.*.blkio_config.device_write_bps[].rate": 'Bytes per second, like `"10mb"`.',
  "services.*.blkio_config.device_read_iops": "Read limits in operations per second, per device.",
  "services.*.blkio_config.device_read_iops[].path": "The block device.",
  "services.*.blkio_config.device_read_iops[].rate": "Operations per second.",
  "services.*.blkio_config.device_write_iops": "Write limits in operations per second, per device.",
  "services.*.blkio_config.device_write_iops[].path": "The block device.",
  "services.*.blkio_config.device_write_iops[].rate": "Operations per second.",
  "services.*.device_cgroup_rules": 'Device cgroup rules, like `"c 1:3 mr"`.',
  "services.*.storage_opt": "Storage driver options, like `size: 20G` (overlay2 needs xfs with pquota).",
  "services.*.extends":
    "Start from another service (`name`, or `{service, file}` for one in another file); this service's keys merge over it.",
  "services.*.extends.service": "The service to extend.",
  "services.*.extends.file":
    "The file that defines it, relative to this one; its relative paths keep their own base.",
  "services.*.label_file": "Files of `KEY=value` lines read into the labels; `labels` override them.",
  "services.*.attach":
    "Accepted for Compose: which services `docker compose up` follows; `stack apply` follows none.",
  "services.*.cap_add": "Linux capabilities to add.",
  "services.*.cap_drop": "Linux capabilities to drop.",
  "services.*.privileged": "Run privileged (reported as a warning).",
  "services.*.read_only": "Mount the root file system read-only.",
  "services.*.stop_signal": "The signal that stops the container.",
  "services.*.stop_grace_period": "How long to wait after the stop signal before killing.",
  "services.*.tty": "Allocate a terminal.",
  "services.*.stdin_open": "Keep stdin open.",
  "services.*.container_name":
    "A fixed container name instead of `<stack>-<service>-<n>` (one replica only).",
  "services.*.profiles": "The service runs only when one of these profiles is active (`--profile`).",
  "services.*.secrets":
    "Secrets (from `secrets:`) as files under /run/secrets: a `file:` one bind-mounted read-only, an `environment:` one copied in at create.",
  "services.*.secrets[].source": "The secret's key in `secrets:`.",
  "services.*.secrets[].target": "The file name or path in the container.",
  "services.*.secrets[].uid": "The numeric owner of a copied-in secret (default 0); not for `file:` secrets.",
  "services.*.secrets[].gid": "The numeric group of a copied-in secret (default 0); not for `file:` secrets.",
  "services.*.secrets[].mode":
    "The octal mode of a copied-in secret (default 0444); not for `file:` secrets.",
  "services.*.configs":
    "Configs (from `configs:`) as files: a `file:` one bind-mounted read-only, an `environment:` or `content:` one copied in at create.",
  "services.*.configs[].source": "The config's key in `configs:`.",
  "services.*.configs[].target": "The path in the container (default `/<key>`).",
  "services.*.configs[].uid": "The numeric owner of a copied-in config (default 0); not for `file:` configs.",
  "services.*.configs[].gid": "The numeric group of a copied-in config (default 0); not for `file:` configs.",
  "services.*.configs[].mode":
    "The octal mode of a copied-in config (default 0444); not for `file:` configs.",
  "services.*.x-sensitive": "Stackform: environment keys and build args whose values are never printed.",
  "services.*.x-stackform": "Stackform's own settings for the service.",
  "services.*.x-stackform.drain":
    "How long an old container stays running after leaving the stack's networks, before it is stopped (default 2s); `0s` does not drain, and leaves it on its networks until it stops.",
  networks: "Networks of the stack, by key; the engine name is `<stack>_<key>` unless `name` is set.",
  "networks.*.driver": "The network driver, e.g. `bridge`.",
  "networks.*.driver_opts": "Driver options.",
  "networks.*.ipam": "Address management.",
  "networks.*.ipam.driver": "The IPAM driver.",
  "networks.*.ipam.config": "Address pools.",
  "networks.*.ipam.config[].subnet": "The subnet in CIDR form.",
  "networks.*.ipam.config[].ip_range": "The range addresses are allocated from.",
  "networks.*.ipam.config[].gateway": "The gateway address.",
  "networks.*.ipam.options": "IPAM driver options.",
  "networks.*.internal": "No access to the outside.",
  "networks.*.attachable": "Other containers may attach.",
  "networks.*.enable_ipv6":
    "IPv6 addressing on the network; give it an IPv6 subnet in `ipam.config` unless the engine's `default-address-pools` have one.",
  "networks.*.labels": "Labels on the network.",
  "networks.*.external": "The network exists already: used, never created or removed.",
  "networks.*.name": "The engine name of the network.",
  volumes: "Named volumes of the stack, by key; the engine name is `<stack>_<key>` unless `name` is set.",
  "volumes.*.driver": "The volume driver.",
  "volumes.*.driver_opts": "Driver options.",
  "volumes.*.labels": "Labels on the volume.",
  "volumes.*.external": "The volume exists already: used, never created or removed.",
  "volumes.*.name": "The engine name of the volume.",
  secrets: "Secrets, by key: each from one of `file` or `environment`. Their values are never printed.",
  "secrets.*.file": "The file holding the secret, relative to the stack file.",
  "secrets.*.environment":
    "The variable (from the environment, then `.env`) whose value is the secret; unset is an error.",
  "x-stackform": "Stackform's own settings for the stack.",
  "x-stackform.target": "Where the stack runs: `containers` on one engine (the default) or `swarm` services.",
  "x-stackform.format_version": "Written by `stack config --json`: the version of its output.",
  include:
    "Other stack files whose services, networks, volumes, secrets and configs join this stack; each keeps its own folder for relative paths.",
  "include[].path": "The file (or files, merged in order) to include, relative to this one.",
  "include[].project_directory":
    "The folder the included file's relative paths resolve against (default: its own).",
  configs: "Configs, by key: each from one of `file`, `environment` or `content`.",
  "configs.*.file": "The file holding the config, relative to the stack file.",
  "configs.*.environment":
    "The variable (from the environment, then `.env`) whose value is the config; unset is an error.",
  "configs.*.content": "The config's text, inline (interpolated).",
};
