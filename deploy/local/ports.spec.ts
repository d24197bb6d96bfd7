import { portConflicts, parseListeningSockets, type PortNeed, type PortProbe } from './ports';
import { parseProcStat } from './proc';

const needs: PortNeed[] = [
  { port: 9092, owner: 'Kafka', purpose: 'broker' },
  { port: 9093, owner: 'Kafka', purpose: 'controller' },
  { port: 8080, owner: 'Keycloak', purpose: 'HTTP' },
  { port: 9000, owner: 'Keycloak', purpose: 'management/health' },
];

describe('port conflicts (checked before anything starts)', () => {
  it('none when every port is free', () => {
    expect(portConflicts(needs, new Map())).toEqual([]);
  });

  it('a port taken by another process, naming it', () => {
    const probes = new Map<number, PortProbe>([[8080, { inUse: true, pid: 4242, command: 'python3' }]]);
    expect(portConflicts(needs, probes)).toEqual([
      {
        port: 8080,
        message:
          'port 8080 needed by Keycloak (HTTP) is already taken by pid 4242 (python3), not by this stack',
      },
    ]);
  });

  it('a port taken by an unknown process', () => {
    const probes = new Map<number, PortProbe>([[9093, { inUse: true }]]);
    expect(portConflicts(needs, probes)[0].message).toContain('already taken by another process');
  });

  it('no conflict for the ports of a part that already runs as ours', () => {
    const running = needs.map((n) => ({ ...n, running: n.owner === 'Kafka' }));
    const probes = new Map<number, PortProbe>([
      [9092, { inUse: true, pid: 10 }],
      [9093, { inUse: true, pid: 10 }],
    ]);
    expect(portConflicts(running, probes)).toEqual([]);
  });

  it('the same port configured for two parts', () => {
    const clash = [...needs, { port: 9092, owner: 'Keycloak', purpose: 'management/health' }];
    expect(portConflicts(clash, new Map())).toEqual([
      {
        port: 9092,
        message: 'port 9092 is configured for both Kafka (broker) and Keycloak (management/health)',
      },
    ]);
  });
});

describe('/proc parsing', () => {
  it('finds LISTEN sockets and their inodes in /proc/net/tcp', () => {
    const text = [
      '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
      '   0: 0100007F:2384 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 123456 1 0000000000000000 100 0 0 10 0',
      '   1: 0100007F:1F90 0100007F:D2F0 01 00000000:00000000 00:00000000 00000000     0        0 777 1 0000000000000000 20 4 30 10 -1',
    ].join('\n');
    expect(parseListeningSockets(text)).toEqual([{ port: 9092, inode: 123456 }]);
  });

  it('reads pid, process group and start time from /proc/<pid>/stat, even with odd command names', () => {
    const stat =
      '4242 (java (kafka) x) S 1 4242 4242 0 -1 4194560 100 0 0 0 10 5 0 0 20 0 50 0 987654 3000000 70000 18446744073709551615';
    expect(parseProcStat(stat)).toEqual({
      pid: 4242,
      comm: 'java (kafka) x',
      state: 'S',
      ppid: 1,
      pgrp: 4242,
      startTicks: 987654,
    });
    expect(parseProcStat('garbage')).toBeUndefined();
  });
});
