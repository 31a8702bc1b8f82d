export const suiteTasks = [];
