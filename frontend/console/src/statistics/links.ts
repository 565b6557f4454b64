// Drill-down links into the inbox open the conversation in a list the viewer has (inbox/links.ts).
export { conversationLink } from '../inbox/links.js';
