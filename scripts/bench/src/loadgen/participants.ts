// The people of the bench: agents log in and keep one socket each; customers arrive at a set
// rate, connect, open a conversation over REST and join it, and the conversation's agent joins it
// too. Conversation i goes to agent i % agents; agent j sits on chat process j % nodes and the
// customers of each block of `agents` conversations alternate processes, so about half of the
// conversations have their two parties on different chat processes.
import { signCustomerToken } from '../../../../services/chat/src/auth/tokens.js';
import type { LoadgenConfig } from '../protocol.js';
import { connectSocket, joinConversation, login, mapLimit, openConversation, type BenchSocket } from './clients.js';
import type { Agent, Traffic } from './traffic.js';

const CUSTOMER_TOKEN_TTL_S = 6 * 3600;

export class Participants {
  readonly agents: Agent[] = [];
  readonly sockets: BenchSocket[] = [];
  openFailures = 0;
  private nextSocketId = 0;

  constructor(
    private readonly config: LoadgenConfig,
    private readonly log: (text: string) => void,
  ) {}

  socketId(): number {
    this.nextSocketId += 1;
    return this.nextSocketId;
  }

  customerToken(externalId: string): Promise<string> {
    return signCustomerToken(this.config.customerTokenSecret, { externalId, name: `Bench ${externalId}`, email: null }, CUSTOMER_TOKEN_TTL_S);
  }

  /** Logs every agent in (on its chat process) and connects its socket. */
  async connectAgents(attach: (socket: BenchSocket, socketId: number) => void): Promise<void> {
    const { nodes, agents } = this.config;
    const connected = await mapLimit(agents, 4, async ({ email, password }, index) => {
      const node = nodes[index % nodes.length]!;
      const socket = await connectSocket(node, await login(node, email, password));
      const socketId = this.socketId();
      attach(socket, socketId);
      this.sockets.push(socket);
      return { socket, socketId };
    });
    this.agents.push(...connected);
  }

  /** One customer arrives: connects, opens a conversation, both parties join it. */
  async open(index: number, traffic: Traffic): Promise<void> {
    const { nodes, runId } = this.config;
    const agentIndex = index % this.agents.length;
    const node = nodes[Math.floor(index / this.agents.length) % nodes.length]!;
    const token = await this.customerToken(`bench-${runId}-c${index}`);
    const customer = await connectSocket(node, token);
    this.sockets.push(customer);
    const customerSocketId = this.socketId();
    traffic.attachSocket(customer, customerSocketId, 'customer');
    const id = await openConversation(node, token, `Bench conversation ${index}`);
    const agent = this.agents[agentIndex]!;
    await Promise.all([joinConversation(customer, id), joinConversation(agent.socket, id)]);
    traffic.addConversation({ index, id, customer, customerSocketId, agent: agentIndex, agentSocketId: agent.socketId, nextSender: 0 });
  }

  /**
   * Opens `count` conversations at `perSec`, at most 32 at a time; resolves when every one is open
   * or failed (failures are counted and logged, the bench goes on with the others).
   */
  async openAtRate(count: number, perSec: number, traffic: Traffic): Promise<void> {
    const started = performance.now();
    const running = new Set<Promise<void>>();
    for (let index = 0; index < count; index += 1) {
      const dueAt = started + (index * 1000) / perSec;
      const wait = dueAt - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      while (running.size >= 32) await Promise.race(running);
      const attempt = this.open(index, traffic).catch((error: unknown) => {
        this.openFailures += 1;
        if (this.openFailures <= 5) this.log(`conversation ${index} could not be opened: ${(error as Error).message}`);
      });
      const tracked = attempt.finally(() => running.delete(tracked));
      running.add(tracked);
    }
    await Promise.all(running);
  }

  disconnectAll(): void {
    for (const socket of this.sockets) socket.disconnect();
  }
}
